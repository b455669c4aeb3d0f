// Weekly report dates.
import moment from 'moment';
import { nowUtc } from './clock';

export const label = (d: Date) => `${moment(d).fromNow()} (${moment(d).format('Do MMM')})`;
export const generated = () => nowUtc().format();
