/**
 * Prometheus metrics (prom-client, text format) for the worker (`--metrics-port`) and the
 * dashboard (`/metrics`). Job counts by state are read when scraped (from the queue layer, passed
 * in as a function); per-job facts — stage and verifier durations, tokens, cost, PRs — are
 * recorded from each finished job's RunReport.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RunReport } from '../report/run-report.js';

/** Seconds; from a fast no-op stage up to a long test suite. */
const DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];

export interface MetricsSources {
  /** Jobs of the repository queue by BullMQ state (waiting, active, delayed, completed, failed…). */
  jobCounts(): Promise<Record<string, number>>;
  /** Pull requests of all campaigns by state (open, draft, merged, closed), when known. */
  pullRequestCounts?(): Promise<Record<string, number>>;
}

export interface GodwitMetrics {
  readonly registry: Registry;
  /** Records a finished job (the worker calls it for each RunReport). */
  recordReport(report: RunReport): void;
  /** The Prometheus text exposition and its content type. */
  render(): Promise<{ body: string; contentType: string }>;
}

export function createMetrics(sources: MetricsSources, options: { processMetrics?: boolean } = {}): GodwitMetrics {
  const registry = new Registry();
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'godwit_process_' });

  new Gauge({
    name: 'godwit_jobs',
    help: 'Repository jobs in the queue by state (waiting is the autoscaling signal).',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const [state, n] of Object.entries(await sources.jobCounts())) this.set({ state }, n);
    },
  });
  if (sources.pullRequestCounts) {
    const prCounts = sources.pullRequestCounts;
    new Gauge({
      name: 'godwit_pull_requests',
      help: 'Pull requests of all campaigns by their last synced state (open, draft, merged, closed).',
      labelNames: ['state'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const [state, n] of Object.entries(await prCounts())) this.set({ state }, n);
      },
    });
  }
  const runs = new Counter({ name: 'godwit_runs_total', help: 'Finished repository runs by status.', labelNames: ['status'], registers: [registry] });
  const stage = new Histogram({
    name: 'godwit_stage_duration_seconds',
    help: 'Duration of pipeline stages.',
    labelNames: ['stage'],
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const verifier = new Histogram({
    name: 'godwit_verifier_duration_seconds',
    help: 'Duration of verifier runs (baseline and gate) by kind.',
    labelNames: ['kind', 'phase'],
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const tokens = new Counter({ name: 'godwit_llm_tokens_total', help: 'LLM tokens used.', labelNames: ['type'], registers: [registry] });
  const cost = new Counter({ name: 'godwit_llm_cost_usd_total', help: 'LLM cost in USD (llm.prices).', registers: [registry] });
  const prs = new Counter({ name: 'godwit_pull_requests_published_total', help: 'Pull request actions of finished runs (created, updated, …).', labelNames: ['action'], registers: [registry] });

  return {
    registry,
    recordReport(report) {
      runs.inc({ status: report.status });
      for (const s of report.stages) if (s.status !== 'skipped') stage.observe({ stage: s.name }, s.durationMs / 1000);
      for (const v of report.baseline) if (v.status !== 'skipped') verifier.observe({ kind: v.kind, phase: 'baseline' }, v.durationMs / 1000);
      for (const v of report.final) if (v.status !== 'skipped') verifier.observe({ kind: v.kind, phase: 'gate' }, v.durationMs / 1000);
      if (report.usage.promptTokens) tokens.inc({ type: 'prompt' }, report.usage.promptTokens);
      if (report.usage.completionTokens) tokens.inc({ type: 'completion' }, report.usage.completionTokens);
      if (report.usage.costUsd) cost.inc(report.usage.costUsd);
      if (report.pr) prs.inc({ action: report.pr.action });
    },
    async render() {
      return { body: await registry.metrics(), contentType: registry.contentType };
    },
  };
}

/** A bare HTTP server with GET /metrics only (the worker's opt-in port). */
export async function serveMetrics(metrics: GodwitMetrics, port: number, host = '127.0.0.1'): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404).end('not found\n');
      return;
    }
    metrics.render().then(
      ({ body, contentType }) => res.writeHead(200, { 'content-type': contentType }).end(body),
      (error: Error) => res.writeHead(503, { 'content-type': 'text/plain' }).end(`metrics unavailable: ${error.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
