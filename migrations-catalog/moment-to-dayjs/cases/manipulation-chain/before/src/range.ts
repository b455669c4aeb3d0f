import moment from 'moment';

export function lastWeek(now: Date) {
  const from = moment(now).subtract(7, 'days').startOf('day');
  const to = moment(now).endOf('day');
  return { from: from.toISOString(), to: to.valueOf(), span: to.diff(from, 'hours') };
}
