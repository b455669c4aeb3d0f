import moment from 'moment';

export const jan = moment('5 janvier 2024', 'D MMMM YYYY', 'fr');
