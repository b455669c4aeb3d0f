import dayjs from './dayjs';

export const received = (d: Date) => dayjs(d).fromNow();
