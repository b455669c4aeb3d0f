/** `godwit worker`: runs campaign jobs from the fleet's Redis until SIGTERM/SIGINT. */
import type { Command } from 'commander';
import { getMigration } from '../catalog/registry.js';
import { runJob } from '../pipeline/run-job.js';
import { openQueueContextFromConfig } from '../queue/context.js';
import { startWorker } from '../queue/worker.js';
import { createQueueMetrics } from '../queue/metrics.js';
import { serveMetrics } from '../observe/index.js';
import { loadConfigFor, parsePositiveInt, type Io } from './shared.js';
import { serviceLogger, shutdownSay } from './service-log.js';
import { handleShutdown } from './shutdown.js';

interface WorkerFlags {
  concurrency?: number;
  metricsPort?: number;
  metricsHost?: string;
}

export function register(program: Command, io: Io): void {
  program
    .command('worker')
    .description('Run campaign jobs from Redis (REDIS_URL); start as many as you like, on any machine.')
    .option('--concurrency <n>', 'repositories this worker runs at once (default 1)', parsePositiveInt('--concurrency'))
    .option('--metrics-port <port>', 'serve Prometheus metrics at http://<host>:<port>/metrics (default: off; GODWIT_METRICS_PORT)', parsePositiveInt('--metrics-port'))
    .option('--metrics-host <host>', 'address the metrics port binds to (default 127.0.0.1; 0.0.0.0 for a scraper on another host; GODWIT_METRICS_HOST)')
    .addHelpText('after', '\nSIGTERM/SIGINT: stop taking jobs, finish the running ones, exit within service.shutdownTimeoutMs\n(GODWIT_SHUTDOWN_TIMEOUT_MS, default 10 s). A second signal exits at once. Jobs cut short are\ntaken over by another worker after queue.stalledIntervalMs.')
    .action(async (flags: WorkerFlags, cmd: Command) => {
      const config = await loadConfigFor(cmd);
      const logger = serviceLogger(cmd, io, config, 'worker');
      const shutdown = handleShutdown({ name: 'godwit worker', timeoutMs: config.service.shutdownTimeoutMs, io: shutdownSay(logger) });
      const ctx = await openQueueContextFromConfig(config);
      const concurrency = flags.concurrency ?? 1;
      const metricsPort = flags.metricsPort ?? config.service.metricsPort;
      const metrics = metricsPort === undefined ? undefined : createQueueMetrics(ctx);
      const metricsHost = flags.metricsHost ?? config.service.metricsHost;
      const metricsServer = metrics && metricsPort !== undefined ? await serveMetrics(metrics, metricsPort, metricsHost) : undefined;
      if (metricsServer) logger.info({ port: metricsServer.port }, `godwit worker: metrics at http://${metricsHost}:${metricsServer.port}/metrics`);
      const worker = startWorker({
        ctx,
        config,
        runJob,
        loadMigration: getMigration,
        concurrency,
        logger,
        ...(metrics ? { metrics } : {}),
      });
      await worker.waitUntilReady();
      logger.info({ concurrency }, `godwit worker: ready (concurrency ${concurrency}, pid ${process.pid})`);
      await shutdown.requested;
      // Stop taking jobs and wait for the running ones; the deadline ends a stop that hangs
      // (Redis gone) and leaves their jobs to be taken over after the stall interval.
      await worker.close().catch(() => {});
      await metricsServer?.close();
      await ctx.close().catch(() => {});
      shutdown.finished();
      logger.info('godwit worker: stopped');
    });
}
