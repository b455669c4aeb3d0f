import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/shared.js';
import { GODWIT_ROOT } from '../support/fixture-repo.js';

const execFileAsync = promisify(execFile);

function captureIo(): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, isTTY: false, stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
}

describe('godwit catalog', () => {
  it('node bin/godwit.js catalog --json lists node-protocol-imports', async () => {
    const { stdout } = await execFileAsync(process.execPath, [path.join(GODWIT_ROOT, 'bin/godwit.js'), 'catalog', '--json'], { cwd: GODWIT_ROOT });
    const list = JSON.parse(stdout) as Array<{ id: string; hasCodemod: boolean; branch: string; appliesTo: { hasCheck: boolean } }>;
    const npi = list.find((m) => m.id === 'node-protocol-imports');
    expect(npi).toMatchObject({ hasCodemod: true, branch: 'godwit/node-protocol-imports', appliesTo: { hasCheck: true } });
  });

  it('lists the five catalog migrations, each with its case count', async () => {
    const { stdout } = await execFileAsync(process.execPath, [path.join(GODWIT_ROOT, 'bin/godwit.js'), 'catalog', '--json'], { cwd: GODWIT_ROOT });
    const list = JSON.parse(stdout) as Array<{ id: string; cases: number }>;
    expect(list.map((m) => m.id).sort()).toEqual(['commonjs-to-esm', 'enzyme-to-rtl', 'jest-to-vitest', 'moment-to-dayjs', 'node-protocol-imports']);
    for (const m of list) expect(m.cases, m.id).toBeGreaterThanOrEqual(12);
  });

  it('lists migrations as a table and shows one', async () => {
    const io = captureIo();
    expect(await main(['node', 'godwit', 'catalog'], io)).toBe(0);
    expect(io.out.join('\n')).toMatch(/^node-protocol-imports\s+codemod\+prompt\s+\d+ cases\s+Use node: specifiers/m);
    const show = captureIo();
    expect(await main(['node', 'godwit', 'catalog', 'show', 'node-protocol-imports'], show)).toBe(0);
    expect(show.out.join('\n')).toContain('branch:   godwit/node-protocol-imports');
    const json = captureIo();
    expect(await main(['node', 'godwit', 'catalog', 'show', 'node-protocol-imports', '--json'], json)).toBe(0);
    expect(JSON.parse(json.out.join('\n'))).toMatchObject({ id: 'node-protocol-imports', verify: { requireGreenBaseline: true } });
  });

  it('show of an unknown id exits 2 listing the valid ids', async () => {
    const io = captureIo();
    expect(await main(['node', 'godwit', 'catalog', 'show', 'nope'], io)).toBe(2);
    expect(io.err.join('\n')).toContain('Valid ids:');
  });
});
