/** Fixture repositories and config for the agent tests (real git, real files). */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execaSync } from 'execa';
import { migrationDefinitionSchema, type LoadedMigration, type MigrationInput } from '../../src/catalog/definition.js';
import { configSchema, type GodwitConfig } from '../../src/config/schema.js';

export const SECRET_KEY = 'sk-test-SECRETKEY0123456789abcdef';

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
}

export function gitInit(dir: string): void {
  const git = (...args: string[]) => execaSync('git', args, { cwd: dir });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'test@example.com');
  git('config', 'user.name', 'test');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
}

/** A tiny strict TS repository: src/a.ts exports `add`, src/b.ts uses it. */
export const TS_REPO: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'fixture', version: '1.0.0', type: 'module' }, null, 2),
  'tsconfig.json': JSON.stringify(
    { compilerOptions: { strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', noEmit: true, skipLibCheck: true, types: [] }, include: ['src'] },
    null,
    2,
  ),
  'src/a.ts': 'export function add(a: number, b: number): number {\n  return a + b;\n}\n',
  'src/b.ts': "import { add } from './a';\n\nexport const three: number = add(1, 2);\n",
};

/** Builds a template once; `copy()` gives each test its own workspace. */
export function template(files: Record<string, string> = TS_REPO): { dir: string; copy(): string; cleanup(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'godwit-agent-tpl-'));
  const created = [dir];
  writeFiles(dir, files);
  gitInit(dir);
  return {
    dir,
    copy() {
      const parent = mkdtempSync(path.join(os.tmpdir(), 'godwit-agent-ws-'));
      created.push(parent);
      const ws = path.join(parent, 'repo');
      cpSync(dir, ws, { recursive: true });
      return ws;
    },
    cleanup() {
      for (const d of created) rmSync(d, { recursive: true, force: true });
    },
  };
}

export function migration(overrides: Partial<MigrationInput> = {}, promptText = 'Rename `add` to `sum` everywhere.'): LoadedMigration {
  const definition = migrationDefinitionSchema.parse({
    id: 'rename-add',
    title: 'Rename add to sum',
    description: 'test migration',
    prompt: 'prompt.md',
    pr: { title: 'Rename add' },
    verify: { typecheck: true, lint: false, test: false, requireGreenBaseline: true },
    agent: { maxIterations: 5, judge: 'off' },
    ...overrides,
  });
  return { definition, dir: undefined, promptText, branch: 'godwit/rename-add' };
}

export function config(baseUrl: string, llm: Record<string, unknown> = {}): GodwitConfig {
  return configSchema.parse({
    llm: { baseUrl, apiKey: SECRET_KEY, model: 'fake-model', maxRetries: 2, timeoutMs: 5_000, prices: { 'fake-model': { input: 2, output: 10 } }, ...llm },
  });
}
