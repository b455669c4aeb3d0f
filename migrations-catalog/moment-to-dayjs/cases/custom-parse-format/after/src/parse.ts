import dayjs from './dayjs';

export const parseEu = (s: string) => dayjs(s, 'DD/MM/YYYY').toDate();
export const valid = (s: string) => dayjs(s, 'DD/MM/YYYY').isValid();
