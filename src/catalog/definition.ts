/**
 * The migration definition contract (DESIGN.md "Migration definition"). Authors write
 * `migrations-catalog/<id>/index.ts` as `export default defineMigration({...})`; the registry
 * loads and validates it with `migrationDefinitionSchema`.
 */
import { z } from 'zod';
import type { Project } from 'ts-morph';

/** What a precondition function sees of a repository (read-only, cheap). */
export interface RepoSnapshot {
  /** Absolute path of the workspace (a clone; never the user's own tree). */
  readonly dir: string;
  /** Parsed package.json of the repository root, or undefined when there is none. */
  readonly packageJson: Record<string, unknown> | undefined;
  /** Repository-relative POSIX paths of tracked files (no node_modules, no .git). */
  listFiles(globs?: string | string[]): Promise<string[]>;
  readFile(path: string): Promise<string>;
}

export interface Applicability {
  applies: boolean;
  /** Why it does (not) apply; shown as the `not-applicable` reason. */
  reason: string;
}

/**
 * A place the codemod could not translate exactly and left unchanged for the agent (the
 * codemod → agent handoff, docs/writing-a-migration.md "Leftover sites"). The agent's context
 * is built from these sites (and the current failures), so a codemod reports every construct
 * it does not handle instead of guessing.
 */
export interface LeftoverSite {
  /** Repository-relative POSIX path (an absolute path inside the workspace is accepted). */
  file: string;
  /** 1-based, in the file as the codemod left it. */
  line: number;
  /** 1-based. */
  column: number;
  /** Why it was left, for the agent and the report (`jest.isolateModules has no vitest equivalent`). */
  reason: string;
}

export interface CodemodContext {
  /** Absolute path of the workspace root. */
  readonly dir: string;
  /** Log a line into the RunReport. */
  log(message: string): void;
  /** Report a site the codemod left for the agent (see LeftoverSite). */
  leave(site: LeftoverSite): void;
  /** Options from the migration definition's `options`. */
  readonly options: Readonly<Record<string, unknown>>;
}

export type Codemod = (project: Project, ctx: CodemodContext) => void | Promise<void>;

/** A location the migration must change, as found by the context engine. */
export interface SiteLike {
  file: string;
  line: number;
  column: number;
  kind: string;
}
export type Locator = (project: Project) => SiteLike[] | Promise<SiteLike[]>;

function isRegExp(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

const fn = <T>() => z.custom<T>((v) => typeof v === 'function', { message: 'expected a function' });

const semverRangeMap = z.record(z.string().min(1), z.string().min(1));

export const appliesToSchema = z
  .object({
    /** package.json dependency (any dependency field) whose version satisfies the range. */
    dependencies: semverRangeMap.optional(),
    /** At least one source file imports one of these modules. */
    imports: z.array(z.string().min(1)).optional(),
    /** At least one tracked file matches one of these globs. */
    files: z.array(z.string().min(1)).optional(),
    /** `engines.node` must only allow versions satisfying this range (e.g. ">=16"). */
    nodeEngines: z.string().optional(),
    /** Extra check: "when NOT to act" that the declarative fields cannot say. */
    check: fn<(repo: RepoSnapshot) => Applicability | Promise<Applicability>>().optional(),
  })
  .strict();

export const scopeSchema = z
  .object({
    /** Globs of files the migration may touch (repository-relative). */
    include: z.array(z.string().min(1)).default(['**/*']),
    exclude: z.array(z.string().min(1)).default([]),
    maxChangedFiles: z.number().int().positive().default(200),
    maxChangedLines: z.number().int().positive().default(5000),
    /**
     * Protected files and package.json keys this migration may change (the protected-files
     * guard blocks the rest, docs/guards.md): path globs (`.github/workflows/**`, `.npmrc`) or
     * `package.json#<key>` globs (`package.json#scripts.test`, `package.json#scripts.test:*`).
     */
    allowProtected: z.array(z.string().min(1)).default([]),
  })
  .strict();

export const packageChangesSchema = z
  .object({
    add: semverRangeMap.default({}),
    /** Added as devDependencies. */
    addDev: semverRangeMap.default({}),
    remove: z.array(z.string().min(1)).default([]),
    upgrade: semverRangeMap.default({}),
  })
  .strict();

export const verifySchema = z
  .object({
    typecheck: z.boolean().default(true),
    lint: z.boolean().default(true),
    test: z.boolean().default(true),
    requireGreenBaseline: z.boolean().default(true),
    /**
     * A change no typecheck and no test could judge ends `unverified` and gets at most a draft
     * PR. true: such a run still gets a ready-for-review PR (its status stays `unverified`).
     */
    allowUnverified: z.boolean().default(false),
  })
  .strict();

export const prSchema = z
  .object({
    title: z.string().min(1),
    /** Markdown placed at the top of the PR body; `{{repo}}` and `{{migration}}` are replaced. */
    body: z.string().default(''),
    branch: z.string().regex(/^[A-Za-z0-9._/-]+$/, 'branch may hold letters, digits, . _ / - only').optional(),
    labels: z.array(z.string()).default(['godwit']),
    /** never: only verified runs get a PR; on-failure: failed runs get a draft PR; always: every PR is a draft. */
    draft: z.enum(['never', 'on-failure', 'always']).default('never'),
  })
  .strict();

/**
 * What the migration changes: the context engine locates these sites before the codemod
 * (`sites.found`) and again after it (`sites.handledByCodemod`); every catalog migration
 * declares one (`modules`, and/or a `locate` function for what is not "uses of a module").
 */
export const targetSchema = z
  .object({
    /** Module specifiers whose imports are change sites (e.g. "moment"). */
    modules: z.array(z.string().min(1)).default([]),
    /** Only these exported names of those modules (all when empty). */
    names: z.array(z.string().min(1)).default([]),
    locate: fn<Locator>().optional(),
  })
  .strict();

export const agentSchema = z
  .object({
    maxIterations: z.number().int().positive().default(5),
    /** Token budget for all LLM requests of one job. */
    tokenBudget: z.number().int().positive().default(400_000),
    /** Token budget of the context given to the model. */
    contextBudget: z.number().int().positive().default(12_000),
    /** veto: a `fail` gets one corrective round, then blocks; advise: recorded only; off. */
    judge: z.enum(['off', 'advise', 'veto']).default('veto'),
  })
  .strict();

export const migrationDefinitionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id must be kebab-case (a-z, 0-9, -)'),
    title: z.string().min(1),
    description: z.string().min(1),
    appliesTo: appliesToSchema.default({}),
    target: targetSchema.default({ modules: [], names: [] }),
    codemod: fn<Codemod>().optional(),
    /** Path of the prompt file relative to the migration's folder (e.g. "prompt.md"). */
    prompt: z.string().min(1).optional(),
    scope: scopeSchema.default({ include: ['**/*'], exclude: [], maxChangedFiles: 200, maxChangedLines: 5000, allowProtected: [] }),
    packages: packageChangesSchema.default({ add: {}, addDev: {}, remove: [], upgrade: {} }),
    /**
     * Package changes chosen per repository (e.g. the Vitest major its TypeScript and Node
     * support); replaces `packages` for that run. `packages` stays the default (eval, docs).
     */
    packagesFor: fn<(repo: RepoSnapshot) => z.input<typeof packageChangesSchema> | Promise<z.input<typeof packageChangesSchema>>>().optional(),
    verify: verifySchema.default({ typecheck: true, lint: true, test: true, requireGreenBaseline: true, allowUnverified: false }),
    /**
     * The migration replaces the test or lint toolchain (jest → vitest): true, or the verifier
     * kinds it replaces (`['test']`). The gate then runs the commands found after the change for
     * those kinds instead of the base commit's (the others keep theirs), and requires the runner
     * reports to show every test that passed at baseline passing, no fewer tests run and no
     * more skipped or todo (docs/guards.md, "toolchain-tests").
     */
    changesToolchain: z.union([z.boolean(), z.array(z.enum(['typecheck', 'lint', 'test'])).min(1)]).default(false),
    /**
     * How test identities (file + full name) change under this migration, applied to the
     * baseline's names before they are matched with the final ones: `pattern` is a regular
     * expression, replaced globally by `replacement` in the test's `file` or `name`.
     */
    testRenames: z
      .array(
        z
          .object({ in: z.enum(['file', 'name']), pattern: z.string().min(1), replacement: z.string() })
          .strict()
          .refine((r) => isRegExp(r.pattern), { message: 'pattern must be a valid regular expression', path: ['pattern'] }),
      )
      .default([]),
    pr: prSchema,
    agent: agentSchema.default({ maxIterations: 5, tokenBudget: 400_000, contextBudget: 12_000, judge: 'veto' }),
    options: z.record(z.string(), z.unknown()).default({}),
  })
  .strict()
  .refine((d) => d.codemod !== undefined || d.prompt !== undefined, {
    message: 'a migration needs a codemod, a prompt, or both',
    path: ['codemod'],
  });

/** What an author writes (defaults optional). */
export type MigrationInput = z.input<typeof migrationDefinitionSchema>;
/** What godwit works with (defaults applied). */
export type MigrationDefinition = z.output<typeof migrationDefinitionSchema>;

/** A definition together with where it came from and its prompt text. */
export interface LoadedMigration {
  definition: MigrationDefinition;
  /** Absolute folder of the migration (undefined for ad-hoc prompt-only migrations). */
  dir: string | undefined;
  /** Contents of the prompt file, when the migration has one. */
  promptText: string | undefined;
  /** Branch name, `godwit/<id>` unless the definition says otherwise. */
  branch: string;
}

/** Whether the migration declares that it replaces the toolchain of this verifier kind. */
export function changesToolchainOf(definition: Pick<MigrationDefinition, 'changesToolchain'>, kind: 'typecheck' | 'lint' | 'test'): boolean {
  const c = definition.changesToolchain;
  return c === true || (Array.isArray(c) && c.includes(kind));
}
