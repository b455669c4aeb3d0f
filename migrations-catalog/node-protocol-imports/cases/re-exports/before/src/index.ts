export { join, resolve } from 'path';
export * as url from 'url';
