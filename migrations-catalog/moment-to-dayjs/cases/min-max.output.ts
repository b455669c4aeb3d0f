import dayjs from './dayjs';

export const earliest = (a: Date, b: Date) => dayjs.min(dayjs(a), dayjs(b));
export const latest = (ds: Date[]) => dayjs.max(ds.map((d) => dayjs(d)));
