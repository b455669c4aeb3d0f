import moment from 'moment';

export const facts = (d: Date) => ({
  array: moment(d).toArray(),
  object: moment(d).toObject(),
  leap: moment(d).isLeapYear(),
  days: moment(d).daysInMonth(),
  doy: moment(d).dayOfYear(),
  week: moment(d).week(),
  iso: moment(d).isoWeekday(),
  weekday: moment(d).weekday(),
});
