export { join, resolve } from 'node:path';
export * as url from 'node:url';
