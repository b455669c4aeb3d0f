import dayjs from './dayjs';

export const year = dayjs().year();
export const hour = dayjs.utc('2024-01-01T10:00:00Z').hour();
export const parts = (d: Date) => [dayjs(d).month(), dayjs(d).date(), dayjs(d).minute(), dayjs(d).second(), dayjs(d).millisecond()];
export const later = (m: { years(): number }) => m.years();
