import dayjs from './dayjs';

const d = dayjs.duration(90, 'minutes');
export const parts = [d.hours(), d.minutes(), d.asHours(), d.asMilliseconds()];
export const text = dayjs.duration({ days: 2 }).humanize();
