import moment from 'moment';

export const zones = (d: Date) => [moment(d).utc().format(), moment.utc(d).local().format(), moment(d).utcOffset(), moment.utc(d).isUTC()];
