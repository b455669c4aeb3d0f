/** jest `--json` output. */
import { extractJsonObject, parseJestJson } from './jest-json.js';
import type { ParsedOutput } from './common.js';

export function parseJestOutput(output: string, dir: string): ParsedOutput | undefined {
  return parseJestJson(extractJsonObject(output), dir);
}
