import moment from 'moment';

export const year = moment().years();
export const hour = moment.utc('2024-01-01T10:00:00Z').hours();
export const parts = (d: Date) => [moment(d).months(), moment(d).dates(), moment(d).minutes(), moment(d).seconds(), moment(d).milliseconds()];
export const later = (m: { years(): number }) => m.years();
