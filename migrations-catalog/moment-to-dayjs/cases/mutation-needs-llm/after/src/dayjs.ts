// dayjs plugins, registered once (godwit moment-to-dayjs).
import dayjs from 'dayjs';
import isoWeek from 'dayjs/plugin/isoWeek';

dayjs.extend(isoWeek);

export default dayjs;
