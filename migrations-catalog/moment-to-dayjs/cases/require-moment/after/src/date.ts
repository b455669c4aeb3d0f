import dayjs from 'dayjs';

export const tomorrow = () => dayjs().add(1, 'day').toDate();
