/*!
 * Copyright (c) Example Corp. MIT license.
 */
import dayjs from 'dayjs';

export const stamp = () => dayjs().format('YYYY-MM-DD');
