import { Worker, isMainThread } from 'worker_threads';
import { performance } from 'perf_hooks';

export const start = performance.now();
export const spawn = (file: string) => (isMainThread ? new Worker(file) : undefined);
