import dayjs from './dayjs';

export const zones = (d: Date) => [dayjs(d).utc().format(), dayjs.utc(d).local().format(), dayjs(d).utcOffset(), dayjs.utc(d).isUTC()];
