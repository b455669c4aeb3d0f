import dayjs from './dayjs';

export const facts = (d: Date) => ({
  array: dayjs(d).toArray(),
  object: dayjs(d).toObject(),
  leap: dayjs(d).isLeapYear(),
  days: dayjs(d).daysInMonth(),
  doy: dayjs(d).dayOfYear(),
  week: dayjs(d).week(),
  iso: dayjs(d).isoWeekday(),
  weekday: dayjs(d).weekday(),
});
