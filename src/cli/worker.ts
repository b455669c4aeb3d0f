/** `godwit worker`: runs campaign jobs from the fleet's Redis until SIGTERM/SIGINT. */
import type { Command } from 'commander';
import { getMigration } from '../catalog/registry.js';
import { runJob } from '../pipeline/run-job.js';
import { openQueueContextFromConfig } from '../queue/context.js';
import { startWorker } from '../queue/worker.js';
import { loadConfigFor, parsePositiveInt, type Io } from './shared.js';

interface WorkerFlags {
  concurrency?: number;
}

export function register(program: Command, io: Io): void {
  program
    .command('worker')
    .description('Run campaign jobs from Redis (REDIS_URL); start as many as you like, on any machine.')
    .option('--concurrency <n>', 'repositories this worker runs at once (default 1)', parsePositiveInt('--concurrency'))
    .addHelpText('after', '\nSIGTERM/SIGINT: finish the running jobs, then exit. A second signal exits at once (the jobs are\ntaken over by another worker after queue.stalledIntervalMs).')
    .action(async (flags: WorkerFlags, cmd: Command) => {
      const config = await loadConfigFor(cmd);
      const ctx = await openQueueContextFromConfig(config);
      const concurrency = flags.concurrency ?? 1;
      const worker = startWorker({
        ctx,
        config,
        runJob,
        loadMigration: getMigration,
        concurrency,
        onEvent: (line) => io.stdout(line),
      });
      await worker.repoWorker.waitUntilReady();
      io.stdout(`godwit worker: ready (concurrency ${concurrency}, pid ${process.pid})`);
      await new Promise<void>((resolve) => {
        let stopping = false;
        const stop = (signal: NodeJS.Signals) => {
          if (stopping) {
            io.stderr(`godwit worker: ${signal} again — stopping now`);
            void worker.close(true).finally(resolve);
            return;
          }
          stopping = true;
          io.stdout(`godwit worker: ${signal} — finishing running jobs (signal again to stop at once)`);
          void worker.close().finally(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await ctx.close();
      io.stdout('godwit worker: stopped');
    });
}
