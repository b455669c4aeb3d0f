import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { measureFunctions } from '../../scripts/sizes/measure.js';

const SCRIPT = path.resolve(import.meta.dirname, '../../scripts/sizes.ts');
const run = promisify(execFile);

/** A function of exactly `lines` lines (declaration line, body, closing brace). */
function fn(name: string, lines: number): string {
  const body = Array.from({ length: lines - 2 }, (_, i) => `  const v${i} = ${i};`);
  return [`export function ${name}(): void {`, ...body, '}', ''].join('\n');
}

async function sizes(root: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', SCRIPT, '--root', root, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('measureFunctions', () => {
  it('names functions by their scopes and counts their lines from the first token to the last', () => {
    const text = [
      '/** doc comments are not counted */',
      'export function outer() {',
      '  const inner = () => {',
      '    return 1;',
      '  };',
      '  [1].map((x) => x);',
      '  [2].map((x) => x);',
      '  return { get() { return inner(); } };',
      '}',
      'class Hub {',
      '  constructor() {}',
      '  open(): void {',
      '  }',
      '}',
      '',
    ].join('\n');
    expect(Object.fromEntries(measureFunctions('a.ts', text))).toEqual({
      outer: 8,
      'outer.inner': 3,
      'outer.(anonymous)': 1,
      'outer.(anonymous)#2': 1,
      'outer.get': 1,
      'Hub.constructor': 1,
      'Hub.open': 2,
    });
  });
});

describe('scripts/sizes.ts', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'godwit-sizes-'));
    mkdirSync(path.join(root, 'src'));
    mkdirSync(path.join(root, 'migrations-catalog', 'demo', 'cases', 'one'), { recursive: true });
    mkdirSync(path.join(root, 'scripts', 'sizes'), { recursive: true });
    writeFileSync(path.join(root, 'src', 'big.ts'), fn('big', 12));
    writeFileSync(path.join(root, 'src', 'small.ts'), fn('small', 5));
    // Case fixtures are not godwit's code: never measured.
    writeFileSync(path.join(root, 'migrations-catalog', 'demo', 'cases', 'one', 'huge.ts'), fn('huge', 50));
    const baseline = { limits: { fileLines: 20, functionLines: 10 }, files: {}, functions: { 'src/big.ts:big': 12 } };
    writeFileSync(path.join(root, 'scripts', 'sizes', 'baseline.json'), JSON.stringify(baseline));
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('passes when nothing grew past its record', async () => {
    const result = await sizes(root);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('fails naming a recorded function that grew', async () => {
    writeFileSync(path.join(root, 'src', 'big.ts'), fn('big', 13));
    const result = await sizes(root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('function src/big.ts:big grew to 13 lines (recorded: 12; limit: 10)');
  });

  it('fails naming a new function or file over the limit', async () => {
    writeFileSync(path.join(root, 'src', 'small.ts'), fn('small', 11));
    writeFileSync(path.join(root, 'src', 'long.ts'), `${fn('a', 8)}${fn('b', 8)}${fn('c', 8)}`);
    const result = await sizes(root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('function src/small.ts:small has 11 lines, over the 10-line limit');
    expect(result.stderr).toContain('file src/long.ts has 24 lines, over the 20-line limit');
  });

  it('hints when a record can be lowered, and --update records today', async () => {
    writeFileSync(path.join(root, 'src', 'big.ts'), fn('big', 9));
    const result = await sizes(root);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('function src/big.ts:big shrank to 9 lines (recorded: 12), now within the limit');
    expect((await sizes(root, '--update')).code).toBe(0);
    const written = JSON.parse(readFileSync(path.join(root, 'scripts', 'sizes', 'baseline.json'), 'utf8')) as unknown;
    expect(written).toEqual({ limits: { fileLines: 20, functionLines: 10 }, files: {}, functions: {} });
  });
});
