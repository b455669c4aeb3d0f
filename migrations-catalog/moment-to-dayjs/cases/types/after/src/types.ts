import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';

export function later(a: Dayjs, b: Dayjs): Dayjs {
  return a.isAfter(b) ? a : b;
}

export const now = (): Dayjs => dayjs();
