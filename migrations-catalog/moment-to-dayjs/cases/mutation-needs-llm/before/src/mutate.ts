import moment from 'moment';

export function nextMonday(from: Date): string {
  const m = moment(from);
  m.add(1, 'week');
  m.startOf('isoWeek');
  return m.format('YYYY-MM-DD');
}
