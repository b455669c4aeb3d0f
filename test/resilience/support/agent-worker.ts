/**
 * A godwit worker process for the kill tests whose migration needs the agent: a prompt-only
 * migration against the LLM endpoint the test runs (OPENAI_BASE_URL). Started with
 * `node --import tsx`; prints "ready" once it listens for jobs. Configured through env only.
 */
import { loadMigrationDefinition } from '../../../src/catalog/registry.js';
import { configSchema } from '../../../src/config/schema.js';
import { runJob } from '../../../src/pipeline/run-job.js';
import { openQueueContext } from '../../../src/queue/context.js';
import { startWorker } from '../../../src/queue/worker.js';

const env = process.env;
const config = configSchema.parse({
  workdir: env.GODWIT_WORKDIR,
  llm: { baseUrl: env.OPENAI_BASE_URL, apiKey: 'sk-agent-worker', model: 'fake-model', maxRetries: 0, timeoutMs: 60_000 },
  queue: JSON.parse(env.GODWIT_TEST_QUEUE ?? '{}') as Record<string, unknown>,
});
const migration = loadMigrationDefinition(
  {
    id: 'rename-add',
    title: 'Rename add to sum',
    description: 'prompt-only migration for the kill tests',
    prompt: env.GODWIT_TEST_PROMPT,
    verify: { typecheck: false, lint: false, test: false, allowUnverified: true },
    agent: { maxIterations: 3, judge: 'off' },
    pr: { title: 'Rename add to sum' },
  },
  undefined,
);
const ctx = await openQueueContext({ url: env.REDIS_URL!, namespace: env.GODWIT_QUEUE_NAMESPACE, config });
startWorker({ ctx, config, runJob, loadMigration: () => Promise.resolve(migration) });
process.stdout.write('ready\n');
