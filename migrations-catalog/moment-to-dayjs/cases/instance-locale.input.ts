import moment from 'moment';

export const german = (d: Date) => moment(d).locale('de').format('LL');
