import dayjs from 'dayjs';

export const months = (a: Date, b: Date) => dayjs(a).diff(dayjs(b), 'months', true);
export const order = (a: Date, b: Date) => [dayjs(a).isBefore(b, 'day'), dayjs(a).isAfter(b), dayjs(a).isSame(b, 'year')];
