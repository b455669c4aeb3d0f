/**
 * `godwit context <migration> <repo>`: prints the context the model would see for a local
 * checkout — the migration author's tool to iterate on a target, a codemod and a prompt. By
 * default it shows what the agent gets after the codemod (the shared codemod step, run on a
 * scratch copy); `--before-codemod` shows every target site. The repository is never written.
 */
import { cpSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { getMigration } from '../catalog/registry.js';
import { buildContext, createWorkspaceProject, locateSites } from '../context/index.js';
import { briefSite, hasTarget, runCodemod } from '../pipeline/run-codemod.js';
import { GodwitError } from '../errors.js';
import { parsePositiveInt, printJson, type Io } from './shared.js';

interface ContextFlags {
  budget?: number;
  module?: string[];
  name?: string[];
  maxDistance?: number;
  tests: boolean;
  json?: boolean;
  beforeCodemod?: boolean;
  afterCodemod?: boolean;
}

export function register(program: Command, io: Io): void {
  program
    .command('context')
    .description('print the context the model would see for a migration on a local repository')
    .argument('<migration>', 'migration id from the catalog')
    .argument('<repo>', 'path of a local checkout (read in place, never modified)')
    .option('--after-codemod', 'what the agent gets: the sites the codemod leaves, on a scratch copy (the default)')
    .option('--before-codemod', "every site of the migration's target, on the untouched repository")
    .option('--budget <tokens>', "token budget (default: the migration's agent.contextBudget)", parsePositiveInt('--budget'))
    .option('--max-distance <n>', 'how far to follow declarations used at the sites (default 1)', parseDistance)
    .option('--no-tests', 'leave out sibling test files')
    .option('--module <specifier...>', "search these modules instead of the migration's target.modules (to try a target out)")
    .option('--name <export...>', "only these exported names (instead of the migration's target.names)")
    .option('--json', 'print { mode, sites, found, handledByCodemod, left, dropped, tokens, files, omittedSites } as JSON')
    .action(async (migrationId: string, repo: string, flags: ContextFlags) => {
      if (flags.beforeCodemod && flags.afterCodemod) throw new GodwitError('usage', '--before-codemod and --after-codemod exclude each other', 'Pass one of them (after is the default).');
      const dir = localRepo(repo);
      const loaded = await getMigration(migrationId);
      const declared = loaded.definition.target;
      const target = flags.module
        ? { modules: flags.module, names: flags.name ?? [] }
        : { ...declared, names: flags.name ?? declared.names };
      const migration = { ...loaded, definition: { ...loaded.definition, target } };
      // Trying a target out (--module) looks at the untouched tree unless --after-codemod says otherwise.
      const before = flags.beforeCodemod || (flags.module !== undefined && !flags.afterCodemod);
      const mode = before || !migration.definition.codemod ? 'before-codemod' : 'after-codemod';
      if (mode === 'before-codemod' && !hasTarget(migration)) {
        throw new GodwitError(
          'migration-invalid',
          `Migration "${migrationId}" declares no target, so there are no sites to find`,
          'Add `target: { modules: [...] }` (or a `locate` function) to the migration definition, or try one with --module <specifier>.',
        );
      }
      const work = mode === 'after-codemod' ? scratchCopy(dir) : dir;
      try {
        // After the codemod: the Project the codemod stage gets (the tsconfig's sources), so the
        // codemod sees the same files as in `godwit run`.
        const project = createWorkspaceProject(work, { addSources: mode === 'after-codemod' });
        const outcome =
          mode === 'after-codemod'
            ? await runCodemod({ dir: work, migration, project, log: (level, message) => level === 'warn' && io.stderr(`warn: ${message}`) })
            : undefined;
        const sites = outcome ? outcome.left : await locateSites(project, target, work);
        const context = await buildContext(project, work, sites, {
          budget: flags.budget ?? migration.definition.agent.contextBudget,
          ...(flags.maxDistance !== undefined ? { maxDistance: flags.maxDistance } : {}),
          includeTests: flags.tests,
        });
        if (flags.json) {
          printJson(io, {
            mode,
            sites: context.sites.map(briefSite),
            found: outcome ? outcome.found.length : sites.length,
            handledByCodemod: outcome?.handledByCodemod ?? 0,
            left: sites.length,
            dropped: outcome?.dropped ?? [],
            tokens: context.tokens,
            files: context.files,
            omittedSites: context.omittedSites.map(briefSite),
          });
          return;
        }
        io.stdout(context.text);
        const counts = outcome ? `${outcome.found.length} found, ${outcome.handledByCodemod} handled by the codemod, ${sites.length} left` : `${sites.length} sites`;
        io.stderr(`${mode}: ${counts}, ${context.omittedSites.length} left out, ${context.tokens} tokens`);
      } finally {
        if (work !== dir) rmSync(work, { recursive: true, force: true });
      }
    });
}

/** The codemod runs on a copy (without .git and node_modules): the repository is never written. */
function scratchCopy(dir: string): string {
  const copy = mkdtempSync(path.join(os.tmpdir(), 'godwit-context-'));
  cpSync(dir, copy, { recursive: true, filter: (src) => !/(^|[\\/])(\.git|node_modules)$/.test(path.relative(dir, src)) });
  return copy;
}

function parseDistance(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new GodwitError('usage', `--max-distance must be a whole number ≥ 0, got "${value}"`, 'Example: --max-distance 2');
  return n;
}

function localRepo(repo: string): string {
  const dir = path.resolve(repo);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new GodwitError(
      'repo-not-found',
      `${repo} is not a local directory`,
      '`godwit context` reads a local checkout in place; clone the repository first and pass its path.',
    );
  }
  return dir;
}
