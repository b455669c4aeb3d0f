import moment from 'moment';

export const utcIso = (ms: number) => moment.utc(ms).format();
