import dayjs from './dayjs';

export const utcDay = (d: Date) => dayjs.utc(d).startOf('day').fromNow();
