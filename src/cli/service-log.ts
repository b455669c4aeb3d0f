/**
 * The service log of a long-running command: pino JSON lines when stdout is not a terminal,
 * readable lines on one; level from --log-level, else `service.logLevel` (GODWIT_LOG_LEVEL, default `info`). Configured secrets
 * and token shapes are redacted from every line.
 */
import type { Command } from 'commander';
import { createRedactor } from '../agent/index.js';
import type { GodwitConfig } from '../config/schema.js';
import { GodwitError } from '../errors.js';
import { createLogger, isLogLevel, LOG_LEVELS, type Logger } from '../observe/index.js';
import type { Io } from './shared.js';

export function serviceLogger(cmd: Command, io: Io, config: GodwitConfig, service: string): Logger {
  const flag = cmd.optsWithGlobals<{ logLevel?: string }>().logLevel;
  const level = flag ?? config.service.logLevel;
  if (!isLogLevel(level)) {
    throw new GodwitError('usage', `--log-level must be one of ${LOG_LEVELS.join(', ')}, got "${level}"`, 'Example: --log-level debug');
  }
  const redact = createRedactor([config.llm.apiKey, config.github.token, config.dashboard.token]);
  return createLogger({
    level,
    pretty: io.isTTY,
    redact,
    write: (text) => (io.write ?? io.stdout)(text),
    ...(io.isTTY ? {} : { base: { service, pid: process.pid } }),
  });
}

/** The shutdown handler's lines, through the service log. */
export function shutdownSay(logger: Logger): Pick<Io, 'stdout' | 'stderr'> {
  return { stdout: (text) => logger.info(text), stderr: (text) => logger.warn(text) };
}
