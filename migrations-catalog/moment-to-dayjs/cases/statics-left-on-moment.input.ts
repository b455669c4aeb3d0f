import moment from 'moment';

export const check = (x: unknown) => moment.isDate(x);
export const bad = () => moment.invalid();
export const iso = (s: string) => moment(s, moment.ISO_8601);
export const ok = (s: string) => moment(s).isValid();
