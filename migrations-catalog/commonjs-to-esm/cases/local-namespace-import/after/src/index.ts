import * as util from './util';

export const four = util.double(2);
