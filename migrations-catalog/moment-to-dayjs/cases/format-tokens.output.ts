import dayjs from './dayjs';

export const f = (d: Date) => [
  dayjs(d).format('Do MMM YYYY'),
  dayjs(d).format('X'),
  dayjs(d).format('[Today is] dddd'),
  dayjs(d).format('LT'),
];
