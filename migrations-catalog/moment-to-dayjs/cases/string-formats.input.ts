import moment from 'moment';

export const iso = moment('2024-01-05T10:00:00');
export const dmy = moment('05/01/2024', 'DD/MM/YYYY');
export const strict = moment('2024-1-5', 'YYYY-MM-DD', true);
export const either = (s: string) => moment(s, ['YYYY-MM-DD', 'DD.MM.YYYY']);
