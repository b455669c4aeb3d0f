import moment from 'moment';

moment.locale('fr');
export const month = (d: Date) => moment(d).format('MMMM');
