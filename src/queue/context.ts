/**
 * Everything a queue operation needs, opened once: the Redis client for godwit's own keys, the
 * two BullMQ queues, the flow producer and the campaign store. Close it when done.
 */
import { FlowProducer, Queue, type ConnectionOptions } from 'bullmq';
import type { Cluster } from 'ioredis';
import type { GodwitConfig } from '../config/schema.js';
import { createCampaignStore, type CampaignStore } from './campaign-store.js';
import { bullConnection, createRedis, ensureReachable, requireRedisUrl, type RedisClient } from './connection.js';
import { CAMPAIGN_QUEUE, REPO_QUEUE, queueKeys, type QueueKeys } from './keys.js';

export interface QueueContext {
  readonly url: string;
  readonly keys: QueueKeys;
  readonly redis: RedisClient;
  /**
   * The connection for a new BullMQ object (worker, events, queue) on this context's Redis; a
   * Cluster client made here is disconnected by close(), after the BullMQ objects closed.
   */
  connection(): ConnectionOptions;
  readonly store: CampaignStore;
  readonly repoQueue: Queue;
  readonly campaignQueue: Queue;
  readonly flow: FlowProducer;
  /** Queue settings from config (attempts, backoff, stall/lock intervals, retention). */
  readonly queueConfig: GodwitConfig['queue'];
  readonly limits: GodwitConfig['limits'];
  close(): Promise<void>;
}

export interface QueueContextOptions {
  url: string;
  /** Default: config `queue.namespace` (GODWIT_QUEUE_NAMESPACE, else "godwit"). */
  namespace?: string | undefined;
  config: Pick<GodwitConfig, 'queue' | 'limits'>;
}

export async function openQueueContext(options: QueueContextOptions): Promise<QueueContext> {
  const keys = queueKeys(options.namespace ?? options.config.queue.namespace);
  const redis = createRedis(options.url);
  try {
    await ensureReachable(redis, options.url);
  } catch (error) {
    redis.disconnect();
    throw error;
  }
  const clusterClients: Cluster[] = [];
  const connection = () => bullConnection(options.url, (client) => clusterClients.push(client));
  const repoQueue = new Queue(REPO_QUEUE, { connection: connection(), prefix: keys.bullPrefix });
  const campaignQueue = new Queue(CAMPAIGN_QUEUE, { connection: connection(), prefix: keys.bullPrefix });
  const flow = new FlowProducer({ connection: connection(), prefix: keys.bullPrefix });
  // Errors surface through the failing call; without listeners they would crash the process.
  repoQueue.on('error', () => {});
  campaignQueue.on('error', () => {});
  flow.on('error', () => {});
  return {
    url: options.url,
    keys,
    redis,
    connection,
    store: createCampaignStore(redis, keys),
    repoQueue,
    campaignQueue,
    flow,
    queueConfig: options.config.queue,
    limits: options.config.limits,
    async close() {
      await Promise.allSettled([repoQueue.close(), campaignQueue.close(), flow.close()]);
      redis.disconnect();
      for (const client of clusterClients.splice(0)) client.disconnect();
    },
  };
}

/** From loaded config: REDIS_URL required (clear error otherwise). */
export function openQueueContextFromConfig(config: GodwitConfig, namespace?: string): Promise<QueueContext> {
  return openQueueContext({ url: requireRedisUrl(config), config, ...(namespace ? { namespace } : {}) });
}
