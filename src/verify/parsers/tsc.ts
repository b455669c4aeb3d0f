/** Condenses `tsc --pretty false` output: `file(line,col): error TSxxxx: message` + indented continuation lines. */
import type { Diagnostic } from '../../report/run-report.js';
import { MAX_MESSAGE_LINES, stripAnsi, toRelative, type ParsedOutput } from './common.js';

const LOCATED = /^(.+?)\((\d+),(\d+)\): (error|warning) (TS\d+): (.*)$/;
const GLOBAL = /^(error|warning) (TS\d+): (.*)$/;

export function parseTscOutput(output: string, dir: string): ParsedOutput {
  const diagnostics: Diagnostic[] = [];
  let current: { d: Diagnostic; lines: number } | undefined;
  for (const raw of stripAnsi(output).split(/\r?\n/)) {
    const located = LOCATED.exec(raw);
    const global = located ? undefined : GLOBAL.exec(raw);
    if (located) {
      const [, file, line, column, severity, code, message] = located as unknown as string[];
      current = {
        d: { file: toRelative(dir, file!), line: Number(line), column: Number(column), code, message: message!, severity: severity as 'error' | 'warning' },
        lines: 1,
      };
      diagnostics.push(current.d);
    } else if (global) {
      const [, severity, code, message] = global as unknown as string[];
      current = { d: { code, message: message!, severity: severity as 'error' | 'warning' }, lines: 1 };
      diagnostics.push(current.d);
    } else if (current && /^\s+\S/.test(raw) && current.lines < MAX_MESSAGE_LINES) {
      current.d.message += `\n${raw.trim()}`;
      current.lines += 1;
    } else if (raw.trim() !== '') {
      current = undefined;
    }
  }
  return { diagnostics };
}
