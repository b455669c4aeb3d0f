import moment from 'moment';

export const parseEu = (s: string) => moment(s, 'DD/MM/YYYY').toDate();
export const valid = (s: string) => moment(s, 'DD/MM/YYYY').isValid();
