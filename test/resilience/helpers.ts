/**
 * Shared pieces of the resilience suite: fixture repositories without tools, migrations built
 * in the test (a codemod that rewrites text, or a prompt for the agent), folder counting and
 * process probes. Everything runs for real: git, npm, subprocesses, HTTP, Redis.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Project } from 'ts-morph';
import { loadMigrationDefinition } from '../../src/catalog/registry.js';
import type { LoadedMigration, MigrationInput } from '../../src/catalog/definition.js';
import { configSchema, type GodwitConfig } from '../../src/config/schema.js';
import { writeFixtureRepo, type TestEnv } from '../support/fixture-repo.js';

/** Recognisable secrets: tests plant them and grep for them everywhere they must not be. */
export const PLANTED_GITHUB_TOKEN = 'ghp_RESILIENCEplantedGithubToken0123456789';
export const PLANTED_OPENAI_KEY = 'sk-RESILIENCEplantedOpenAIKey0123456789abcd';

/** A codemod that replaces `from` with `to` in every source file of the project. */
export function textCodemod(from: string, to: string) {
  return (project: Project): void => {
    for (const file of project.getSourceFiles()) {
      const text = file.getFullText();
      if (text.includes(from)) file.replaceWithText(text.replaceAll(from, to));
    }
  };
}

/** A codemod-only migration (no LLM) with all verifiers off unless asked. */
export function codemodMigration(overrides: Partial<MigrationInput> = {}): LoadedMigration {
  return loadMigrationDefinition(
    {
      id: 'say-hi',
      title: 'Say hi',
      description: 'Replaces Hello with Hi.',
      codemod: textCodemod('Hello', 'Hi'),
      verify: { typecheck: false, lint: false, test: false, requireGreenBaseline: true, allowUnverified: true },
      pr: { title: 'Say hi' },
      ...overrides,
    },
    undefined,
  );
}

/** A prompt-only migration (the agent does the work); the prompt file is written under env.root. */
export function promptMigration(env: TestEnv, overrides: Partial<MigrationInput> = {}): LoadedMigration {
  const promptFile = path.join(env.root, 'resilience-prompt.md');
  writeFileSync(promptFile, 'Rename the function `add` in src/math.ts to `sum`, and update every caller.\n');
  return loadMigrationDefinition(
    {
      id: 'rename-add',
      title: 'Rename add to sum',
      description: 'prompt-only test migration',
      prompt: promptFile,
      verify: { typecheck: true, lint: false, test: false },
      agent: { maxIterations: 3, judge: 'off' },
      pr: { title: 'Rename add to sum' },
      ...overrides,
    },
    undefined,
  );
}

export const MATH_FILES: Record<string, string> = {
  'src/math.ts': 'export function add(a: number, b: number): number {\n  return a + b;\n}\n',
  'src/use.ts': "import { add } from './math.js';\n\nexport const three: number = add(1, 2);\n",
  'test/math.test.ts':
    "import { describe, expect, it } from 'vitest';\nimport { add } from '../src/math.js';\n\ndescribe('math', () => {\n  it('adds', () => {\n    expect(add(1, 2)).toBe(3);\n  });\n});\n",
};

/** A small repository with a greeting (the codemod's target) and no tools configured. */
export function greetingRepo(dir: string, files: Record<string, string | null> = {}, packageJson: Record<string, unknown> = {}): string {
  return writeFixtureRepo(dir, {
    builtinImports: false,
    eslint: false,
    packageJson: { scripts: {}, ...packageJson },
    files: { 'src/greet.ts': "export const greet = (n: string): string => `Hello ${n}`;\n", ...files },
  });
}

/** The env's config with LLM settings for a fake endpoint (short timeouts, few retries). */
export function llmConfig(env: TestEnv, baseUrl: string, llm: Record<string, unknown> = {}, rest: Record<string, unknown> = {}): GodwitConfig {
  return configSchema.parse({
    ...env.config,
    llm: { baseUrl, apiKey: PLANTED_OPENAI_KEY, model: 'fake-model', maxRetries: 1, timeoutMs: 5_000, ...llm },
    ...rest,
  });
}

/** Folders under `<workdir>/runs` (one per run whose workspace still exists). */
export function runFolders(workdir: string): string[] {
  const runs = path.join(workdir, 'runs');
  return existsSync(runs) ? readdirSync(runs) : [];
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Removes a workspace kept with keepWorkdir (its path is in the report's log). */
export function removeKept(report: { logs: Array<{ message: string }> }): void {
  const line = report.logs.find((l) => l.message.startsWith('workspace kept at '));
  if (line) rmSync(path.dirname(line.message.slice('workspace kept at '.length)), { recursive: true, force: true });
}

/**
 * Host pids of the processes whose command line contains `token`. Commands may run in their own
 * PID namespace (src/process/sandbox.ts), where a pid they write down means nothing out here.
 */
export function pidsWithArg(token: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(token)) pids.push(Number(name));
    } catch {
      /* gone meanwhile */
    }
  }
  return pids;
}
