import moment from 'moment';

export const day = (d: Date) => moment(d).format('Do MMM');
