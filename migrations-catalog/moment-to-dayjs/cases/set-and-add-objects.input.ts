import moment from 'moment';

export const fixed = (d: Date) => moment(d).set({ year: 2020, month: 1 });
export const next = (d: Date) => moment(d).add({ days: 1, hours: 2 }).subtract({ minutes: 5 });
