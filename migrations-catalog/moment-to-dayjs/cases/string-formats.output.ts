import dayjs from './dayjs';

export const iso = dayjs('2024-01-05T10:00:00');
export const dmy = dayjs('05/01/2024', 'DD/MM/YYYY');
export const strict = dayjs('2024-1-5', 'YYYY-MM-DD', true);
export const either = (s: string) => dayjs(s, ['YYYY-MM-DD', 'DD.MM.YYYY']);
