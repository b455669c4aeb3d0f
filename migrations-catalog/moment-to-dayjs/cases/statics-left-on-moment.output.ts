import moment from 'moment';
import dayjs from 'dayjs';

export const check = (x: unknown) => moment.isDate(x);
export const bad = () => moment.invalid();
export const iso = (s: string) => dayjs(s, moment.ISO_8601);
export const ok = (s: string) => dayjs(s).isValid();
