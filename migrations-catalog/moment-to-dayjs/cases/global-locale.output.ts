import dayjs from './dayjs';

dayjs.locale('fr');
export const month = (d: Date) => dayjs(d).format('MMMM');
