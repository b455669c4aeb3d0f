import dayjs from './dayjs';

export const jan = dayjs('5 janvier 2024', 'D MMMM YYYY', 'fr');
