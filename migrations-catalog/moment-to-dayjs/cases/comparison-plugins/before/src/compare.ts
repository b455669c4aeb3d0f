import moment from 'moment';

export const inRange = (d: string, a: string, b: string) => moment(d).isBetween(a, b);
export const notAfter = (d: string, limit: string) => moment(d).isSameOrBefore(limit, 'day');
export const before = (a: string, b: string) => moment(a).isBefore(b);
