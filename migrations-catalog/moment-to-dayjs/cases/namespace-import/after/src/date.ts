import * as dayjs from 'dayjs';

export const year = (d: string) => dayjs(d).year();
