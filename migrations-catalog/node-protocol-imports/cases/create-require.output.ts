import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { version } = require('./package.json');
const vm = require('node:vm');

export { version, vm };
