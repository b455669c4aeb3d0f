import dayjs from './dayjs';

export const ago = (d: Date) => dayjs(d).fromNow();
