import dayjs from 'dayjs';

export const now = dayjs();
export const fromDate = dayjs(new Date(2020, 0, 1));
export const fromMs = dayjs(1318781876406);
export const fromSeconds = dayjs.unix(1318781876);
export const copy = fromDate.clone();
export const out = [fromMs.valueOf(), fromMs.unix(), fromMs.toDate(), fromMs.toISOString(), fromMs.toJSON(), fromMs.isValid()];
