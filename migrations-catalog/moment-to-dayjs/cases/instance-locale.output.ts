import dayjs from './dayjs';

export const german = (d: Date) => dayjs(d).locale('de').format('LL');
