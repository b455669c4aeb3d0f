import moment from 'moment';
import { Moment } from 'moment';

export const today = (): Moment => moment().startOf('day');
