/** Toolchain-aware choices: node-protocol-imports and an @types/node without node: modules. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { typesNodeUpgrade } from '../../migrations-catalog/node-protocol-imports/index.js';
import { evaluateApplicability } from '../../src/catalog/applicability.js';
import { getMigration } from '../../src/catalog/registry.js';
import { createRepoSnapshot } from '../../src/catalog/snapshot.js';
import { readToolchain } from '../../src/catalog/toolchain.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function repo(pkg: Record<string, unknown>, tsconfig?: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'godwit-toolchain-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'r', version: '1.0.0', ...pkg }));
  if (tsconfig) writeFileSync(path.join(dir, 'tsconfig.json'), tsconfig);
  return dir;
}

describe('toolchain', () => {
  it('reads versions from the declared ranges and tsconfig (comments allowed)', () => {
    const dir = repo({ engines: { node: '>=16' }, devDependencies: { typescript: '~5.0.4', '@types/node': '14.18.63', jest: '^29' } }, '{ // old\n "compilerOptions": { "module": "CommonJS", "moduleResolution": "node10" } }');
    expect(readToolchain(dir, createRepoSnapshot(dir).packageJson)).toMatchObject({
      typescript: '5.0.4',
      nodeMin: '16.0.0',
      typesNode: '14.18.63',
      module: 'commonjs',
      moduleResolution: 'node10',
      testRunner: 'jest',
    });
  });

  it('node-protocol-imports upgrades an @types/node without node: modules, or says why it cannot', async () => {
    const nodeProtocolImports = (await getMigration('node-protocol-imports')).definition;
    const old = repo({ engines: { node: '>=16' }, devDependencies: { typescript: '5.0.4', '@types/node': '14.18.63' } });
    expect(typesNodeUpgrade(createRepoSnapshot(old))).toEqual({ range: '^16.0.0' });
    expect(await nodeProtocolImports.packagesFor!(createRepoSnapshot(old))).toMatchObject({ upgrade: { '@types/node': '^16.0.0' } });
    const applies = await evaluateApplicability(nodeProtocolImports, createRepoSnapshot(old));
    expect(applies.reason).toContain('@types/node is upgraded to ^16.0.0');

    const oldTs = repo({ engines: { node: '>=16' }, devDependencies: { typescript: '4.3.5', '@types/node': '14.18.63' } });
    const blocked = await evaluateApplicability(nodeProtocolImports, createRepoSnapshot(oldTs));
    expect(blocked).toEqual({ applies: false, reason: '@types/node 14.18.63 declares no node: modules (needs >=16), and @types/node 16 needs TypeScript >=4.5 (the repository has 4.3.5)' });

    const current = repo({ engines: { node: '>=20' }, devDependencies: { '@types/node': '^20.11.0' } });
    expect(await nodeProtocolImports.packagesFor!(createRepoSnapshot(current))).toMatchObject({ upgrade: {} });
  });
});
