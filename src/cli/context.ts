/**
 * `godwit context <migration> <repo>`: prints the context the model would see for a local
 * checkout — the migration author's tool to iterate on a target and a prompt. Read-only: the
 * repository is read in place and never written to.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { getMigration } from '../catalog/registry.js';
import { buildContext, createWorkspaceProject, locateSites } from '../context/index.js';
import type { Site } from '../context/index.js';
import { GodwitError } from '../errors.js';
import { parsePositiveInt, printJson, type Io } from './shared.js';

interface ContextFlags {
  budget?: number;
  module?: string[];
  name?: string[];
  maxDistance?: number;
  tests: boolean;
  json?: boolean;
}

const brief = (s: Site) => ({ file: s.file, line: s.line, column: s.column, kind: s.kind });

export function register(program: Command, io: Io): void {
  program
    .command('context')
    .description('print the context the model would see for a migration on a local repository')
    .argument('<migration>', 'migration id from the catalog')
    .argument('<repo>', 'path of a local checkout (read in place, never modified)')
    .option('--budget <tokens>', "token budget (default: the migration's agent.contextBudget)", parsePositiveInt('--budget'))
    .option('--max-distance <n>', 'how far to follow declarations used at the sites (default 1)', parseDistance)
    .option('--no-tests', 'leave out sibling test files')
    .option('--module <specifier...>', "search these modules instead of the migration's target.modules (to try a target out)")
    .option('--name <export...>', "only these exported names (instead of the migration's target.names)")
    .option('--json', 'print { sites, tokens, files, omittedSites } as JSON')
    .action(async (migrationId: string, repo: string, flags: ContextFlags) => {
      const dir = localRepo(repo);
      const migration = await getMigration(migrationId);
      const declared = migration.definition.target;
      const target = flags.module
        ? { modules: flags.module, names: flags.name ?? [] }
        : { ...declared, names: flags.name ?? declared.names };
      if (target.modules.length === 0 && !('locate' in target && target.locate)) {
        throw new GodwitError(
          'migration-invalid',
          `Migration "${migrationId}" declares no target, so there are no sites to find`,
          'Add `target: { modules: [...] }` (or a `locate` function) to the migration definition, or try one with --module <specifier>.',
        );
      }
      const project = createWorkspaceProject(dir);
      const sites = await locateSites(project, target, dir);
      const context = await buildContext(project, dir, sites, {
        budget: flags.budget ?? migration.definition.agent.contextBudget,
        ...(flags.maxDistance !== undefined ? { maxDistance: flags.maxDistance } : {}),
        includeTests: flags.tests,
      });
      if (flags.json) {
        printJson(io, {
          sites: context.sites.map(brief),
          tokens: context.tokens,
          files: context.files,
          omittedSites: context.omittedSites.map(brief),
        });
        return;
      }
      io.stdout(context.text);
      io.stderr(`${context.sites.length} sites, ${context.omittedSites.length} left out, ${context.tokens} tokens`);
    });
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
