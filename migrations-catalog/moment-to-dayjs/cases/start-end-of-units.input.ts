import moment from 'moment';

export const bounds = (d: Date) => ({
  day: moment(d).startOf('day'),
  month: moment(d).endOf('month'),
  quarter: moment(d).startOf('quarter'),
  isoWeek: moment(d).startOf('isoWeek'),
});
