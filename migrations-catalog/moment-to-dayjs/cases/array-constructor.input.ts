import moment from 'moment';

export const valentines = moment([2010, 1, 14]);
export const noon = moment([2010, 1, 14, 12, 0, 0]);
