import dayjs from './dayjs';

export const valentines = dayjs([2010, 1, 14]);
export const noon = dayjs([2010, 1, 14, 12, 0, 0]);
