import moment from 'moment';

export const months = (a: Date, b: Date) => moment(a).diff(moment(b), 'months', true);
export const order = (a: Date, b: Date) => [moment(a).isBefore(b, 'day'), moment(a).isAfter(b), moment(a).isSame(b, 'year')];
