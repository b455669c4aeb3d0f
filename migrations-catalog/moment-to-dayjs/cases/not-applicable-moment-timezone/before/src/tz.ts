import moment from 'moment';
import 'moment-timezone';

export const paris = () => moment().tz('Europe/Paris').format();
