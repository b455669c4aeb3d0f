const moment = require('moment');

export const tomorrow = () => moment().add(1, 'day').toDate();
