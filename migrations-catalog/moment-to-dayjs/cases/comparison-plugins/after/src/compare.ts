import dayjs from './dayjs';

export const inRange = (d: string, a: string, b: string) => dayjs(d).isBetween(a, b);
export const notAfter = (d: string, limit: string) => dayjs(d).isSameOrBefore(limit, 'day');
export const before = (a: string, b: string) => dayjs(a).isBefore(b);
