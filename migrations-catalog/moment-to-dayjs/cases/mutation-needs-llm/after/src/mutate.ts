import dayjs from './dayjs';

export function nextMonday(from: Date): string {
  const m = dayjs(from).add(1, 'week').startOf('isoWeek');
  return m.format('YYYY-MM-DD');
}
