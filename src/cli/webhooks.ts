/**
 * `godwit webhooks`: receives GitHub webhook deliveries (pull_request, check_suite/check_run,
 * issue_comment, pull_request_review) on POST /webhooks/github, verifies their signature with
 * GODWIT_WEBHOOK_SECRET, drops redeliveries and enqueues the follow-up work for the workers.
 */
import type { Command } from 'commander';
import { GodwitError } from '../errors.js';
import { openQueueContextFromConfig } from '../queue/context.js';
import { createFollowUpEnqueuer } from '../queue/followup-queue.js';
import { requireWebhookSecret, startWebhookServer } from '../queue/webhook-receiver.js';
import { loadConfigFor, type Io } from './shared.js';
import { handleShutdown } from './shutdown.js';

interface WebhookFlags {
  port?: string;
  host?: string;
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new GodwitError('usage', `--port must be a port number (0-65535), got "${value}"`, 'Example: --port 4701');
  }
  return n;
}

export function register(program: Command, io: Io): void {
  program
    .command('webhooks')
    .description('Receive GitHub webhooks (signed with GODWIT_WEBHOOK_SECRET) and queue the follow-up work on godwit PRs.')
    .option('--port <port>', 'port to listen on (default 4701)')
    .option('--host <host>', 'address to bind (default 127.0.0.1; put a TLS proxy in front to expose it)')
    .addHelpText('after', '\nNeeds REDIS_URL and GODWIT_WEBHOOK_SECRET; workers (godwit worker) do the work. Endpoint: POST /webhooks/github.\nWhere GitHub cannot reach godwit, `godwit sync <campaign>` keeps the PR states current (docs/github.md).')
    .action(async (flags: WebhookFlags, cmd: Command) => {
      const config = await loadConfigFor(cmd);
      const secret = requireWebhookSecret(config.github.webhookSecret);
      const shutdown = handleShutdown({ name: 'godwit webhooks', timeoutMs: config.service.shutdownTimeoutMs, io });
      const ctx = await openQueueContextFromConfig(config);
      const enqueuer = createFollowUpEnqueuer(ctx.url, ctx.keys);
      const server = await startWebhookServer(
        { secret, redis: ctx.redis, keys: ctx.keys, enqueuer, log: (line) => io.stdout(line) },
        flags.host ?? '127.0.0.1',
        flags.port === undefined ? 4701 : parsePort(flags.port),
      );
      io.stdout(`godwit webhooks: ${server.url}`);
      await shutdown.requested;
      await server.close().catch(() => {});
      await enqueuer.close().catch(() => {});
      await ctx.close().catch(() => {});
      shutdown.finished();
      io.stdout('godwit webhooks: stopped');
    });
}
