import moment from 'moment';

export const now = moment();
export const fromDate = moment(new Date(2020, 0, 1));
export const fromMs = moment(1318781876406);
export const fromSeconds = moment.unix(1318781876);
export const copy = fromDate.clone();
export const out = [fromMs.valueOf(), fromMs.unix(), fromMs.toDate(), fromMs.toISOString(), fromMs.toJSON(), fromMs.isValid()];
