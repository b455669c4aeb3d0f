/**
 * The agent case every persona is run against (tests in test/agent/personas*.test.ts and the
 * bench in bench/agent/personas.ts): a small strict TypeScript repository with a vitest test,
 * and a prompt-only migration "rename add to sum". The task (the exact edits that solve it)
 * is what the personas bend. A run is judged by the files it leaves: `correct` means every
 * task file reads exactly as the solution and nothing else changed.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadMigrationDefinition } from '../../src/catalog/registry.js';
import type { LoadedMigration } from '../../src/catalog/definition.js';
import { configSchema, type GodwitConfig } from '../../src/config/schema.js';
import { runJob } from '../../src/pipeline/run-job.js';
import type { RunReport } from '../../src/report/run-report.js';
import type { FakeOpenAI } from './fake-openai/server.js';
import { usePersona, type PersonaName, type PersonaTask } from './fake-openai/personas/index.js';
import type { Persona } from './fake-openai/personas/base.js';
import { copyFixture, writeFixtureRepo, type TestEnv } from './fixture-repo.js';

const helpers = Array.from(
  { length: 24 },
  (_, i) => `/** Scales a value by ${i + 2} and clamps it to [0, ${(i + 1) * 100}]. */\nexport function scale${i}(value: number): number {\n  const scaled = value * ${i + 2};\n  return Math.min(Math.max(scaled, 0), ${(i + 1) * 100});\n}\n`,
).join('\n');

const table = Array.from({ length: 300 }, (_, i) => `  { id: ${i}, name: 'item-${i}', weight: ${(i * 37) % 101}, tags: ['t${i % 7}', 't${i % 11}'] },`).join('\n');

export const CASE_FILES: Record<string, string> = {
  'src/math.ts': `${helpers}\nexport function add(a: number, b: number): number {\n  return a + b;\n}\n`,
  'src/use.ts': "import { add } from './math.js';\n\nexport const three: number = add(1, 2);\n",
  'src/data.ts': `export interface Item {\n  id: number;\n  name: string;\n  weight: number;\n  tags: string[];\n}\n\nexport const ITEMS: Item[] = [\n${table}\n];\n`,
  'test/math.test.ts':
    "import { describe, expect, it } from 'vitest';\nimport { add } from '../src/math.js';\n\ndescribe('math', () => {\n  it('adds', () => {\n    expect(add(1, 2)).toBe(3);\n  });\n  it('adds negatives', () => {\n    expect(add(-1, -2)).toBe(-3);\n  });\n});\n",
  'README.md': '# agent fixture\n\nSmall math helpers.\n',
};

export const CASE_TASK: PersonaTask = {
  files: [
    { path: 'src/math.ts', edits: [{ path: 'src/math.ts', search: 'export function add(a: number, b: number): number {', replace: 'export function sum(a: number, b: number): number {' }] },
    {
      path: 'src/use.ts',
      edits: [
        { path: 'src/use.ts', search: "import { add } from './math.js';", replace: "import { sum } from './math.js';" },
        { path: 'src/use.ts', search: 'export const three: number = add(1, 2);', replace: 'export const three: number = sum(1, 2);' },
      ],
    },
    {
      path: 'test/math.test.ts',
      edits: [
        { path: 'test/math.test.ts', search: "import { add } from '../src/math.js';", replace: "import { sum } from '../src/math.js';" },
        { path: 'test/math.test.ts', search: '    expect(add(1, 2)).toBe(3);', replace: '    expect(sum(1, 2)).toBe(3);' },
        { path: 'test/math.test.ts', search: '    expect(add(-1, -2)).toBe(-3);', replace: '    expect(sum(-1, -2)).toBe(-3);' },
      ],
    },
  ],
  report: 'Renamed add to sum in src/math.ts and updated its callers (src/use.ts, test/math.test.ts).',
  bigFile: 'src/data.ts',
  outOfScope: { path: 'README.md', content: '# Agent Fixture\n\nSmall, well-formatted math helpers.\n' },
};

/** The solution: every task file after its edits. */
export function expectedFiles(task: PersonaTask = CASE_TASK): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of task.files) {
    let text = CASE_FILES[file.path]!;
    for (const e of file.edits) {
      if (!text.includes(e.search)) throw new Error(`case edit does not apply: ${e.search}`);
      text = text.replace(e.search, e.replace);
    }
    out[file.path] = text;
  }
  return out;
}

export function writeCaseTemplate(env: TestEnv): string {
  return writeFixtureRepo(path.join(env.root, 'persona-template'), { name: 'persona-fixture', builtinImports: false, eslint: false, files: CASE_FILES });
}

export function caseMigration(env: TestEnv, overrides: { maxIterations?: number } = {}): LoadedMigration {
  const promptFile = path.join(env.root, 'persona-prompt.md');
  writeFileSync(promptFile, 'Rename the function `add` in src/math.ts to `sum`, and update every caller and test. Change nothing else.\n');
  return loadMigrationDefinition(
    {
      id: 'rename-add',
      title: 'Rename add to sum',
      description: 'prompt-only persona case',
      prompt: promptFile,
      scope: { include: ['src/**', 'test/**'], exclude: [] },
      verify: { typecheck: true, lint: false, test: true },
      agent: { maxIterations: overrides.maxIterations ?? 6, judge: 'off' },
      pr: { title: 'Rename add to sum' },
    },
    undefined,
  );
}

export function caseConfig(env: TestEnv, fake: FakeOpenAI, options: { pruneHistory?: boolean; stream?: boolean; llm?: Record<string, unknown> } = {}): GodwitConfig {
  return configSchema.parse({
    ...env.config,
    llm: { baseUrl: fake.baseUrl, apiKey: 'sk-persona-0123456789abcdef', model: 'persona-model', maxRetries: 1, timeoutMs: 30_000, stream: options.stream ?? false, ...options.llm },
    agent: { pruneHistory: options.pruneHistory ?? true },
  });
}

export interface PersonaRun {
  report: RunReport;
  persona: Persona;
  /** The task files read as the solution, and nothing else changed. */
  correct: boolean;
  /** Files that differ from the solution (for messages). */
  wrong: string[];
}

export async function runPersonaCase(
  env: TestEnv,
  template: string,
  fake: FakeOpenAI,
  name: PersonaName,
  options: { pruneHistory?: boolean; stream?: boolean; maxIterations?: number } = {},
): Promise<PersonaRun> {
  const persona = usePersona(fake, name, CASE_TASK);
  const report = await runJob({
    migration: caseMigration(env, options),
    repo: copyFixture(template, env),
    config: caseConfig(env, fake, options),
    dryRun: true,
    install: false,
    keepWorkdir: true,
  });
  const kept = report.logs.find((l) => l.message.startsWith('workspace kept at '))?.message.slice('workspace kept at '.length);
  const wrong: string[] = [];
  if (kept) {
    try {
      for (const [rel, want] of Object.entries(expectedFiles())) {
        let have: string | undefined;
        try {
          have = readFileSync(path.join(kept, rel), 'utf8');
        } catch {
          have = undefined;
        }
        if (have !== want) wrong.push(rel);
      }
      const allowed = new Set(Object.keys(expectedFiles()));
      for (const f of report.changedFiles) if (!allowed.has(f.path)) wrong.push(f.path);
    } finally {
      rmSync(path.dirname(kept), { recursive: true, force: true });
    }
  } else wrong.push('(workspace not kept)');
  return { report, persona, correct: wrong.length === 0, wrong };
}
