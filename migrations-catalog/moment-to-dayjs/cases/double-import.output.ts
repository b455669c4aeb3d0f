import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';

export const today = (): Dayjs => dayjs().startOf('day');
