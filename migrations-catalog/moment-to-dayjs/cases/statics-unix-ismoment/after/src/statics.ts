import dayjs from 'dayjs';

export const fromSeconds = (s: number) => dayjs.unix(s);
export const isDate = (v: unknown) => dayjs.isDayjs(v);
export const seconds = (d: Date) => dayjs(d).unix();
