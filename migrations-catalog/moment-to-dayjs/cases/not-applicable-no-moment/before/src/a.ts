import dayjs from 'dayjs';

export const y = () => dayjs().year();
