import dayjs from './dayjs';

export const bounds = (d: Date) => ({
  day: dayjs(d).startOf('day'),
  month: dayjs(d).endOf('month'),
  quarter: dayjs(d).startOf('quarter'),
  isoWeek: dayjs(d).startOf('isoWeek'),
});
