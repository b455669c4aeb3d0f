import dayjs from 'dayjs';

/** The seven days before `now` up to the end of its day: ISO start, epoch end, length in hours. */
export function lastWeek(now: Date) {
  const from = dayjs(now).subtract(7, 'days').startOf('day');
  const to = dayjs(now).endOf('day');
  return { from: from.toISOString(), to: to.valueOf(), span: to.diff(from, 'hours') };
}

export function isWeekend(day: Date): boolean {
  const weekday = dayjs(day).day();
  return weekday === 0 || weekday === 6;
}

export function label(day: Date): string {
  return dayjs(day).format('YYYY-MM-DD');
}
