import moment from 'moment';

export function describe(minutes: number): string {
  const d = moment.duration(minutes, 'minutes');
  return `${d.asHours()}h (${d.humanize()})`;
}
