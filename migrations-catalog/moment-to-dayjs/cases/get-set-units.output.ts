import dayjs from './dayjs';

export const y = (d: Date) => dayjs(d).get('year');
export const march = (d: Date) => dayjs(d).set('month', 2);
export const monday = (d: Date) => dayjs(d).weekday(1);
export const q = (d: Date) => dayjs(d).quarter();
export const day100 = (d: Date) => dayjs(d).dayOfYear(100);
export const iso = (d: Date) => dayjs(d).isoWeekday();
export const wk = (d: Date) => dayjs(d).week();
