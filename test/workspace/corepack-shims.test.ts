import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureCorepackShims } from '../../src/workspace/install.js';

describe('corepack shims', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('installs executable pnpm and yarn shims into a fresh work directory (scripts that call `pnpm run x` find them)', () => {
    const workdir = mkdtempSync(path.join(tmpdir(), 'godwit-shims-'));
    dirs.push(workdir);
    const dir = ensureCorepackShims(workdir);
    expect(dir).toBeDefined();
    for (const tool of ['pnpm', 'yarn']) expect(() => accessSync(path.join(dir!, tool), constants.X_OK)).not.toThrow();
  });
});
