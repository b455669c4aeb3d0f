export { default as EventEmitter, once } from 'node:events';
export { default } from 'node:assert';
