import moment from 'moment';

export function nextWeek(d: Date) {
  const m = moment(d);
  m.add(7, 'days');
  return m.format('YYYY-MM-DD');
}
