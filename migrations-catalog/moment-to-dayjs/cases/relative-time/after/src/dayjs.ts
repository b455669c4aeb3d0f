// dayjs plugins, registered once (godwit moment-to-dayjs).
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';

dayjs.extend(relativeTime);

export default dayjs;
