import { Worker, isMainThread } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';

export const start = performance.now();
export const spawn = (file: string) => (isMainThread ? new Worker(file) : undefined);
