import path from 'node:path';
import type { Diagnostic } from '../../report/run-report.js';
import type { TestCase } from '../test-cases.js';

/** Diagnostics kept per verifier result; the total is reported separately. */
export const MAX_DIAGNOSTICS = 50;
/** Lines of detail kept per diagnostic message. */
export const MAX_MESSAGE_LINES = 6;

export function toRelative(dir: string, file: string): string {
  const abs = path.isAbsolute(file) ? file : path.resolve(dir, file);
  const rel = path.relative(dir, abs);
  return (rel.startsWith('..') ? abs : rel).split(path.sep).join('/');
}

export function firstLines(text: string, n = MAX_MESSAGE_LINES): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const kept = lines.slice(0, n).join('\n').trimEnd();
  return lines.length > n ? `${kept}\n…` : kept;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

export interface ParsedOutput {
  diagnostics: Diagnostic[];
  tests?: { passed: number; failed: number; skipped: number; total: number };
  /** Per-test results, from a runner's JSON report. */
  cases?: TestCase[];
}
