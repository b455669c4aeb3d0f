import moment from 'moment';

export const start = moment({ year: 2010, month: 3, day: 5, hour: 15 });
