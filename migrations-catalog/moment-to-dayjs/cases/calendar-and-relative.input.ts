import moment from 'moment';

export const labels = (d: Date) => [moment(d).calendar(), moment(d).fromNow(true), moment(d).toNow()];
