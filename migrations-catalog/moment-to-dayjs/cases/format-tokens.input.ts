import moment from 'moment';

export const f = (d: Date) => [
  moment(d).format('Do MMM YYYY'),
  moment(d).format('X'),
  moment(d).format('[Today is] dddd'),
  moment(d).format('LT'),
];
