export { default as EventEmitter, once } from 'events';
export { default } from 'assert';
