import fse from 'fs-extra';
import { posix } from 'path-browserify';
import { local } from './fs';

export const all = [fse, posix, local];
