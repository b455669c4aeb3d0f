import dayjs from 'dayjs';

export function lastWeek(now: Date) {
  const from = dayjs(now).subtract(7, 'days').startOf('day');
  const to = dayjs(now).endOf('day');
  return { from: from.toISOString(), to: to.valueOf(), span: to.diff(from, 'hours') };
}
