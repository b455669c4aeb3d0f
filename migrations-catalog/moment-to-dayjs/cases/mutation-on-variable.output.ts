import dayjs from 'dayjs';

export function nextWeek(d: Date) {
  const m = dayjs(d);
  m.add(7, 'days');
  return m.format('YYYY-MM-DD');
}
