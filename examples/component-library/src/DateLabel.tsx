import React from 'react';
import moment from 'moment';

export interface DateLabelProps {
  date: Date | string;
  /** Show "3 days ago" instead of the date. */
  relative?: boolean;
}

export function DateLabel({ date, relative = false }: DateLabelProps) {
  const m = moment(date);
  return <time dateTime={m.toISOString()}>{relative ? m.fromNow() : m.format('YYYY-MM-DD')}</time>;
}
