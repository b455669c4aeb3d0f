/**
 * `startDashboard()`: the job dashboard's HTTP server (used by `godwit dashboard` and
 * `godwit demo`). Binds to 127.0.0.1 unless told otherwise; any other host needs a token.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GodwitConfig } from '../config/schema.js';
import { GodwitError } from '../errors.js';
import { requireRedisUrl } from '../queue/connection.js';
import { openQueueContext, type QueueContext } from '../queue/context.js';
import { createQueueMetrics } from '../queue/metrics.js';
import type { GodwitMetrics } from '../observe/index.js';
import { createQueueListener } from './live.js';
import { queueActionsFor, type QueueActions } from './queue-actions.js';
import { createQueueSource } from './queue-source.js';
import { assertBindingAllowed } from './security.js';
import { createHandler } from './server.js';
import type { DashboardSource } from './source.js';
import { SseHub } from './sse.js';

export interface StartDashboardOptions {
  config: GodwitConfig;
  /** Default config.dashboard.host (127.0.0.1). */
  host?: string | undefined;
  /** Default config.dashboard.port (4700); 0 picks a free port. */
  port?: number | undefined;
  /** Default config.redisUrl (REDIS_URL). */
  redisUrl?: string;
  /** Queue namespace (default: config `queue.namespace`, GODWIT_QUEUE_NAMESPACE). */
  namespace?: string;
  /** An open queue context to reuse (e.g. the demo's); otherwise one is opened and closed here. */
  queue?: QueueContext;
  /** Override the queue actions (tests). */
  actions?: QueueActions;
  /** Serve another data source instead of the queue (tests). */
  source?: DashboardSource;
  /** Rows per page of the repository table (default 50). */
  pageSize?: number;
}

export interface RunningDashboard {
  url: string;
  port: number;
  host: string;
  close(): Promise<void>;
}

function urlFor(host: string, port: number): string {
  const h = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${h}:${port}/`;
}

function listen(server: http.Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') {
        reject(new GodwitError('usage', `Port ${port} on ${host} is in use.`, 'Pick another one with --port, e.g. --port 4701.'));
      } else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
        reject(new GodwitError('usage', `Cannot listen on ${host}: ${error.message}`, 'Use an address of this machine, e.g. --host 127.0.0.1.'));
      } else reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

export async function startDashboard(options: StartDashboardOptions): Promise<RunningDashboard> {
  const { config } = options;
  const host = options.host ?? config.dashboard.host;
  const port = options.port ?? config.dashboard.port;
  const token = config.dashboard.token;
  // Checked before anything else is opened: refusing must not leave connections behind.
  assertBindingAllowed(host, token);

  let ownedQueue: QueueContext | undefined;
  let source = options.source;
  let metrics: GodwitMetrics | undefined;
  if (!source) {
    const queue =
      options.queue ??
      (ownedQueue = await openQueueContext({
        url: options.redisUrl ?? requireRedisUrl(config),
        config,
        ...(options.namespace ? { namespace: options.namespace } : {}),
      }));
    const queueSource = createQueueSource({
      queue,
      actions: options.actions ?? queueActionsFor(queue, config),
      listen: createQueueListener(queue),
    });
    try {
      await queueSource.start();
    } catch (error) {
      await ownedQueue?.close();
      throw error;
    }
    source = queueSource;
    metrics = createQueueMetrics(queue);
  }

  const hub = new SseHub();
  const unsubscribe = source.subscribe((event) => hub.publish(event));
  const server = http.createServer(createHandler({ source, hub, token, pageSize: options.pageSize, ...(metrics ? { metrics } : {}) }));
  server.keepAliveTimeout = 5_000;
  try {
    await listen(server, host, port);
  } catch (error) {
    unsubscribe();
    hub.close();
    if (!options.source) await source.close();
    await ownedQueue?.close();
    throw error;
  }
  const actualPort = (server.address() as AddressInfo).port;
  let closed = false;
  return {
    url: urlFor(host, actualPort),
    port: actualPort,
    host,
    async close() {
      if (closed) return;
      closed = true;
      unsubscribe();
      hub.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (!options.source) await source.close();
      await ownedQueue?.close();
    },
  };
}

export type { DashboardSource } from './source.js';
export type { QueueActions } from './queue-actions.js';
