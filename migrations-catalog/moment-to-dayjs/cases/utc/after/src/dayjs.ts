// dayjs plugins, registered once (godwit moment-to-dayjs).
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

export default dayjs;
