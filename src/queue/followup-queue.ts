/**
 * The follow-up queue: one BullMQ job per trigger (webhook event or poll) on a godwit PR, so
 * that a slow handler — an agent round takes minutes — never loses an event: the webhook
 * receiver only verifies, de-duplicates and enqueues. Deliveries are de-duplicated by
 * GitHub's delivery id (SET NX with a week's expiry: GitHub redelivers on request or on
 * timeouts), and the job id is derived from it, so a redelivery adds nothing.
 */
import { Queue } from 'bullmq';
import type { Cluster } from 'ioredis';
import { z } from 'zod';
import { followUpTriggerSchema, type FollowUpTrigger } from '../forge/github/webhook-events.js';
import { bullConnection, type RedisClient } from './connection.js';
import type { QueueKeys } from './keys.js';

export const FOLLOWUP_QUEUE = 'followups';
export const DELIVERY_TTL_SECONDS = 7 * 24 * 3600;

export const followUpJobDataSchema = z
  .object({
    trigger: followUpTriggerSchema,
    /** X-GitHub-Delivery, or "poll:<…>" for polling. */
    deliveryId: z.string().min(1).max(200),
    receivedAt: z.string(),
  })
  .strict();
export type FollowUpJobData = z.infer<typeof followUpJobDataSchema>;

export function deliveryKey(keys: QueueKeys, deliveryId: string): string {
  return `${keys.bullPrefix}:webhook-delivery:${deliveryId}`;
}

/** True the first time a delivery id is seen (it is remembered for a week). */
export async function claimDelivery(redis: RedisClient, keys: QueueKeys, deliveryId: string): Promise<boolean> {
  return (await redis.set(deliveryKey(keys, deliveryId), '1', 'EX', DELIVERY_TTL_SECONDS, 'NX')) === 'OK';
}

function jobIdFor(deliveryId: string, index: number): string {
  // BullMQ ids may not contain ':'.
  return `fu.${deliveryId.replace(/[^A-Za-z0-9_.-]/g, '_')}.${index}`;
}

export interface FollowUpEnqueuer {
  enqueue(deliveryId: string, triggers: FollowUpTrigger[]): Promise<number>;
  close(): Promise<void>;
}

export function createFollowUpEnqueuer(url: string, keys: QueueKeys, attempts = 3): FollowUpEnqueuer {
  const clusterClients: Cluster[] = [];
  const queue = new Queue(FOLLOWUP_QUEUE, { connection: bullConnection(url, (c) => clusterClients.push(c)), prefix: keys.bullPrefix });
  queue.on('error', () => {});
  return {
    async enqueue(deliveryId, triggers) {
      const receivedAt = new Date().toISOString();
      await queue.addBulk(
        triggers.map((trigger, i) => ({
          name: trigger.kind,
          data: { trigger, deliveryId, receivedAt } satisfies FollowUpJobData,
          opts: { jobId: jobIdFor(deliveryId, i), attempts, backoff: { type: 'exponential', delay: 30_000 }, removeOnComplete: { age: 30 * 24 * 3600, count: 5000 } },
        })),
      );
      return triggers.length;
    },
    async close() {
      await queue.close();
      for (const client of clusterClients.splice(0)) client.disconnect();
    },
  };
}
