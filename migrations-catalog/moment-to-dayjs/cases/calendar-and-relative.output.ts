import dayjs from './dayjs';

export const labels = (d: Date) => [dayjs(d).calendar(), dayjs(d).fromNow(true), dayjs(d).toNow()];
