import dayjs from './dayjs';

export const inRange = (d: Date, a: Date, b: Date) => dayjs(d).isBetween(a, b, 'day', '[]');
