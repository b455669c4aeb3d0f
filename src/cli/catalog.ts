/** `godwit catalog [--json]` and `godwit catalog show <id> [--json]`. */
import path from 'node:path';
import type { Command } from 'commander';
import { countCases } from '../catalog/cases.js';
import type { LoadedMigration } from '../catalog/definition.js';
import { getMigration, listMigrations } from '../catalog/registry.js';
import { printJson, type Io } from './shared.js';

/** A JSON-safe view of a migration (functions become flags). */
export function describeMigration(m: LoadedMigration): Record<string, unknown> {
  const d = m.definition;
  const { check, ...appliesTo } = d.appliesTo;
  const { locate, ...target } = d.target;
  return {
    id: d.id,
    title: d.title,
    description: d.description,
    folder: m.dir,
    branch: m.branch,
    hasCodemod: d.codemod !== undefined,
    hasPrompt: d.prompt !== undefined,
    cases: m.dir ? countCases(path.join(m.dir, 'cases')) : 0,
    needsLlm: d.codemod === undefined,
    appliesTo: { ...appliesTo, hasCheck: check !== undefined },
    target: { ...target, hasLocator: locate !== undefined },
    scope: d.scope,
    packages: d.packages,
    verify: d.verify,
    pr: d.pr,
    agent: d.agent,
  };
}

export function register(program: Command, io: Io): void {
  const catalog = program
    .command('catalog')
    .description('List the migrations in the catalog')
    .option('--json', 'print as JSON')
    .action(async (flags: { json?: boolean }) => {
      const all = await listMigrations();
      if (flags.json) {
        printJson(io, all.map(describeMigration));
        return;
      }
      if (all.length === 0) io.stdout('No migrations in migrations-catalog/.');
      const width = Math.max(...all.map((m) => m.definition.id.length), 2);
      for (const m of all) {
        const kind = [m.definition.codemod ? 'codemod' : '', m.definition.prompt ? 'prompt' : ''].filter(Boolean).join('+');
        const cases = m.dir ? countCases(path.join(m.dir, 'cases')) : 0;
        io.stdout(`${m.definition.id.padEnd(width)}  ${kind.padEnd(14)}  ${String(cases).padStart(3)} cases  ${m.definition.title}`);
      }
    });
  catalog
    .command('show')
    .description('Show one migration')
    .argument('<id>', 'migration id')
    .option('--json', 'print as JSON')
    .action(async (id: string, _flags: unknown, cmd: Command) => {
      // `--json` may land on `catalog` or on `show`: both mean the same.
      const json = cmd.optsWithGlobals<{ json?: boolean }>().json;
      const m = await getMigration(id);
      const info = describeMigration(m);
      if (json) {
        printJson(io, info);
        return;
      }
      const d = m.definition;
      io.stdout(`${d.id} — ${d.title}`);
      io.stdout('');
      io.stdout(d.description);
      io.stdout('');
      io.stdout(`folder:   ${m.dir ?? '(ad-hoc)'}`);
      io.stdout(`branch:   ${m.branch}`);
      io.stdout(`codemod:  ${d.codemod ? 'yes' : 'no'}    prompt: ${d.prompt ?? 'no'}`);
      io.stdout(`verify:   ${(['typecheck', 'lint', 'test'] as const).filter((k) => d.verify[k]).join(', ')}${d.verify.requireGreenBaseline ? ' (green baseline required)' : ''}`);
      io.stdout(`scope:    ${d.scope.include.join(', ')}${d.scope.exclude.length ? ` except ${d.scope.exclude.join(', ')}` : ''}`);
      io.stdout(`pr:       "${d.pr.title}" labels ${d.pr.labels.join(', ')}, draft ${d.pr.draft}`);
    });
}
