import { double } from './util.js';
import * as os from 'os';

export const cores = double(os.cpus().length);
