import moment from 'moment';

export const y = (d: Date) => moment(d).get('year');
export const march = (d: Date) => moment(d).set('month', 2);
export const monday = (d: Date) => moment(d).set('weekday', 1);
export const q = (d: Date) => moment(d).get('quarter');
export const day100 = (d: Date) => moment(d).set('dayOfYear', 100);
export const iso = (d: Date) => moment(d).get('isoWeekday');
export const wk = (d: Date) => moment(d).get('week');
