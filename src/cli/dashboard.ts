import type { Command } from 'commander';
import { startDashboard } from '../dashboard/index.js';
import { GodwitError } from '../errors.js';
import { loadConfigFor, type Io } from './shared.js';
import { serviceLogger, shutdownSay } from './service-log.js';
import { handleShutdown } from './shutdown.js';

interface DashboardFlags {
  port?: string;
  host?: string;
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new GodwitError('usage', `--port must be a port number (0-65535), got "${value}"`, 'Example: --port 4700');
  }
  return n;
}

/** `godwit dashboard`: serves the job dashboard until interrupted. */
export function register(program: Command, io: Io): void {
  program
    .command('dashboard')
    .description('Serve the job dashboard: campaigns, repositories, runs, live updates and actions.')
    .option('--port <port>', 'port to listen on (default: 4700, or dashboard.port in config)')
    .option('--host <host>', 'address to bind; anything but 127.0.0.1/localhost needs GODWIT_DASHBOARD_TOKEN (default: 127.0.0.1)')
    .addHelpText(
      'after',
      '\nNeeds REDIS_URL. With GODWIT_DASHBOARD_TOKEN set, open the printed URL once with ?token=<token>\n(a cookie keeps you signed in) or send "Authorization: Bearer <token>".',
    )
    .action(async (flags: DashboardFlags, cmd: Command) => {
      const config = await loadConfigFor(cmd);
      const logger = serviceLogger(cmd, io, config, 'dashboard');
      const shutdown = handleShutdown({ name: 'godwit dashboard', timeoutMs: config.service.shutdownTimeoutMs, io: shutdownSay(logger) });
      const dashboard = await startDashboard({
        config,
        host: flags.host,
        port: flags.port === undefined ? undefined : parsePort(flags.port),
      });
      logger.info({ url: dashboard.url }, `godwit dashboard: ${dashboard.url}${config.dashboard.token ? ' (token required: open it with ?token=<GODWIT_DASHBOARD_TOKEN>)' : ''}`);
      logger.info(`godwit dashboard: Prometheus metrics at ${dashboard.url}metrics. Press Ctrl+C to stop.`);
      await shutdown.requested;
      await dashboard.close().catch(() => {});
      shutdown.finished();
    });
}
