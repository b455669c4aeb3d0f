/**
 * godwit's service log (worker, dashboard, demo): pino. Not on a terminal, every line is one
 * JSON object — with `campaignId`, `repo`, `jobId` and `stage` where known — for a log
 * pipeline; on a terminal, the readable message alone (warnings and errors prefixed).
 * Secrets are removed twice: pino's `redact` drops secret-named fields, and the caller's text
 * redactor (configured tokens and known token shapes) runs over every message and string field.
 */
import { Writable } from 'node:stream';
import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

import { LOG_LEVELS } from '../config/schema.js';

export { LOG_LEVELS };
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Fields whose values never reach a log line, wherever they appear (two levels deep). */
const SECRET_FIELDS = ['token', 'apiKey', 'password', 'secret', 'authorization', 'cookie', 'redisUrl'];
const REDACT_PATHS = [...SECRET_FIELDS, ...SECRET_FIELDS.map((f) => `*.${f}`), 'headers.authorization', 'req.headers.authorization', 'req.headers.cookie'];

export interface LoggerOptions {
  level: LogLevel;
  /** Readable lines (a terminal) instead of JSON lines. */
  pretty: boolean;
  /** Text redactor (configured secrets + token shapes), applied to messages and string fields. */
  redact?: (text: string) => string;
  /** Default: stdout. */
  write?: (text: string) => void;
  /** Fields on every line (e.g. { service: 'worker' }). */
  base?: Record<string, unknown>;
}

const LEVEL_LABEL: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

function readable(line: string): string {
  const entry = JSON.parse(line) as { level: number; msg?: string };
  const label = LEVEL_LABEL[entry.level] ?? 'info';
  const msg = entry.msg ?? '';
  return entry.level >= 40 ? `${label}: ${msg}\n` : `${msg}\n`;
}

function redactStrings(value: unknown, redact: (text: string) => string, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (depth > 3 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactStrings(v, redact, depth + 1));
  if (value instanceof Error) return { type: value.name, message: redact(value.message) };
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactStrings(v, redact, depth + 1)]));
}

export function createLogger(options: LoggerOptions): Logger {
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      const text = chunk.toString();
      write(options.pretty ? text.split('\n').filter(Boolean).map(readable).join('') : text);
      callback();
    },
  });
  const redact = options.redact;
  return pino(
    {
      level: options.level as LevelWithSilent,
      base: options.base ?? null,
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      ...(redact
        ? {
            hooks: {
              logMethod(args: unknown[], method: (...a: unknown[]) => void) {
                method.apply(this, args.map((a) => redactStrings(a, redact)));
              },
            },
          }
        : {}),
    },
    destination,
  );
}

/** --log-level or `service.logLevel` (GODWIT_LOG_LEVEL); unknown values are a usage error upstream. */
export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}
