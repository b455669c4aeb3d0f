import dayjs from './dayjs';

export const fixed = (d: Date) => dayjs(d).set({ year: 2020, month: 1 });
export const next = (d: Date) => dayjs(d).add({ days: 1, hours: 2 }).subtract({ minutes: 5 });
