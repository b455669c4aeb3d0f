import moment from 'moment';

export function isoDay(d: Date): string {
  return moment(d).format('YYYY-MM-DD');
}

export const stamp = () => moment().format('HH:mm:ss');
