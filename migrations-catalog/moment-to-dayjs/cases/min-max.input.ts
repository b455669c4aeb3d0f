import moment from 'moment';

export const earliest = (a: Date, b: Date) => moment.min(moment(a), moment(b));
export const latest = (ds: Date[]) => moment.max(ds.map((d) => moment(d)));
