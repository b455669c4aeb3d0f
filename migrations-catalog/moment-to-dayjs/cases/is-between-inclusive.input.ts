import moment from 'moment';

export const inRange = (d: Date, a: Date, b: Date) => moment(d).isBetween(a, b, 'day', '[]');
