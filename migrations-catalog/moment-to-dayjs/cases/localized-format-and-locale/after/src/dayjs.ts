// dayjs plugins, registered once (godwit moment-to-dayjs).
import dayjs from 'dayjs';
import advancedFormat from 'dayjs/plugin/advancedFormat';
import localizedFormat from 'dayjs/plugin/localizedFormat';
import 'dayjs/locale/fr';

dayjs.extend(advancedFormat);
dayjs.extend(localizedFormat);

export default dayjs;
