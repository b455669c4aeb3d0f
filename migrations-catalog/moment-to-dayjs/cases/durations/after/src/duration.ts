import dayjs from './dayjs';

export function describe(minutes: number): string {
  const d = dayjs.duration(minutes, 'minutes');
  return `${d.asHours()}h (${d.humanize()})`;
}
