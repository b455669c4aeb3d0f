/*!
 * Copyright (c) Example Corp. MIT license.
 */
import moment from 'moment';

export const stamp = () => moment().format('YYYY-MM-DD');
