import dayjs from './dayjs';

export const day = (d: Date) => dayjs(d).format('Do MMM');
