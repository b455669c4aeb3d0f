// Weekly report dates.
import dayjs from 'dayjs';
import advancedFormat from 'dayjs/plugin/advancedFormat';
import relativeTime from 'dayjs/plugin/relativeTime';
import { nowUtc } from './clock';

dayjs.extend(advancedFormat);
dayjs.extend(relativeTime);

export const label = (d: Date) => `${dayjs(d).fromNow()} (${dayjs(d).format('Do MMM')})`;
export const generated = () => nowUtc().format();
