import moment from 'moment';

export const fromSeconds = (s: number) => moment.unix(s);
export const isDate = (v: unknown) => moment.isMoment(v);
export const seconds = (d: Date) => moment(d).unix();
