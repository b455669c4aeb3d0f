export * as os from 'os';
export * from 'events';
