import dayjs from './dayjs';

dayjs.locale('fr');

export const long = (d: Date) => dayjs(d).format('LL');
export const ordinal = (d: Date) => dayjs(d).format('Do MMMM');
