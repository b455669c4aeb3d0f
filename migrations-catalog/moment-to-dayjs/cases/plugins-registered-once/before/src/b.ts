import moment from 'moment';

export const utcDay = (d: Date) => moment.utc(d).startOf('day').fromNow();
