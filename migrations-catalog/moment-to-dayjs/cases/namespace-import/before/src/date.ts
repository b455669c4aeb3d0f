import * as moment from 'moment';

export const year = (d: string) => moment(d).year();
