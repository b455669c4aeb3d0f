import dayjs from './dayjs';

export const utcIso = (ms: number) => dayjs.utc(ms).format();
