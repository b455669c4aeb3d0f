import moment from 'moment';

export const ago = (d: Date) => moment(d).fromNow();
