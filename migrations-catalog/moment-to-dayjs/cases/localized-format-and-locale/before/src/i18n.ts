import moment from 'moment';

moment.locale('fr');

export const long = (d: Date) => moment(d).format('LL');
export const ordinal = (d: Date) => moment(d).format('Do MMMM');
