import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateApplicability } from '../../src/catalog/applicability.js';
import { migrationDefinitionSchema, type MigrationInput } from '../../src/catalog/definition.js';
import { createRepoSnapshot } from '../../src/catalog/snapshot.js';
import { createTestEnv, writeFixtureRepo, type TestEnv } from '../support/fixture-repo.js';

let env: TestEnv;
let repo: string;
beforeAll(() => {
  env = createTestEnv();
  repo = writeFixtureRepo(path.join(env.root, 'repo'), {
    packageJson: { dependencies: { moment: '^2.29.0' }, devDependencies: { jest: '~29.7.0' }, engines: { node: '>=18' } },
    files: { 'src/dates.ts': "import moment from 'moment';\nexport const now = moment();\n", 'node_modules/x/index.js': 'ignored' },
  });
});
afterAll(() => env.cleanup());

function def(appliesTo: MigrationInput['appliesTo']) {
  return migrationDefinitionSchema.parse({ id: 't', title: 't', description: 'd', codemod: () => {}, pr: { title: 't' }, appliesTo });
}

describe('evaluateApplicability', () => {
  it('checks dependency ranges', async () => {
    const snap = createRepoSnapshot(repo);
    expect((await evaluateApplicability(def({ dependencies: { moment: '>=2' } }), snap)).applies).toBe(true);
    expect(await evaluateApplicability(def({ dependencies: { moment: '>=3' } }), snap)).toEqual({ applies: false, reason: 'moment@^2.29.0 is outside >=3' });
    expect(await evaluateApplicability(def({ dependencies: { jest: '29' } }), snap)).toMatchObject({ applies: true });
    expect(await evaluateApplicability(def({ dependencies: { react: '*' } }), snap)).toEqual({ applies: false, reason: 'package.json does not depend on react' });
  });

  it('checks imports, file globs, engines and the check function', async () => {
    const snap = createRepoSnapshot(repo);
    expect(await evaluateApplicability(def({ imports: ['moment'] }), snap)).toMatchObject({ applies: true, reason: 'src/dates.ts imports moment' });
    expect(await evaluateApplicability(def({ imports: ['dayjs'] }), snap)).toMatchObject({ applies: false });
    expect(await evaluateApplicability(def({ files: ['**/*.test.ts'] }), snap)).toMatchObject({ applies: true });
    expect(await evaluateApplicability(def({ files: ['**/*.vue'] }), snap)).toMatchObject({ applies: false, reason: 'no file matches **/*.vue' });
    expect(await evaluateApplicability(def({ nodeEngines: '>=16' }), snap)).toMatchObject({ applies: true });
    expect(await evaluateApplicability(def({ nodeEngines: '>=20' }), snap)).toMatchObject({ applies: false });
    expect(await evaluateApplicability(def({ check: async () => ({ applies: false, reason: 'custom no' }) }), snap)).toEqual({ applies: false, reason: 'custom no' });
    expect(await evaluateApplicability(def({}), snap)).toEqual({ applies: true, reason: 'no preconditions' });
  });

  it('the snapshot lists tracked files without node_modules and refuses reads outside the repo', async () => {
    const snap = createRepoSnapshot(repo);
    const files = await snap.listFiles();
    expect(files).toContain('src/dates.ts');
    expect(files.some((f) => f.includes('node_modules'))).toBe(false);
    expect(await snap.listFiles('src/*.ts')).toContain('src/files.ts');
    await expect(snap.readFile('../outside')).rejects.toThrow(/outside the repository/);
    expect(snap.packageJson?.name).toBe('repo');
  });
});
