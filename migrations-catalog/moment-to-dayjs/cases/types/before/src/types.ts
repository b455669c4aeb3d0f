import moment, { Moment } from 'moment';

export function later(a: Moment, b: moment.Moment): Moment {
  return a.isAfter(b) ? a : b;
}

export const now = (): moment.Moment => moment();
