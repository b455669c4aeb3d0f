/** vitest `--reporter=json` output (jest-compatible format). */
import { extractJsonObject, parseJestJson } from './jest-json.js';
import type { ParsedOutput } from './common.js';

export function parseVitestOutput(output: string, dir: string): ParsedOutput | undefined {
  return parseJestJson(extractJsonObject(output), dir);
}
