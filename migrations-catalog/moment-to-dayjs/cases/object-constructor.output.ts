import dayjs from './dayjs';

export const start = dayjs({ year: 2010, month: 3, day: 5, hour: 15 });
