import moment from 'moment';

const d = moment.duration(90, 'minutes');
export const parts = [d.hours(), d.minutes(), d.asHours(), d.asMilliseconds()];
export const text = moment.duration({ days: 2 }).humanize();
