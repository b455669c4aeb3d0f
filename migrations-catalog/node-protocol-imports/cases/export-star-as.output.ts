export * as os from 'node:os';
export * from 'node:events';
