import dayjs from 'dayjs';

export function isoDay(d: Date): string {
  return dayjs(d).format('YYYY-MM-DD');
}

export const stamp = () => dayjs().format('HH:mm:ss');
