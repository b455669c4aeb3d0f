/**
 * The architecture's rules, checked by `npm run deps` (dependency-cruiser) in `npm run check`
 * and CI. A violation fails with the rule's name. `scripts/arch.ts` draws ARCHITECTURE.md's
 * folder graph from the same LAYERS.
 *
 * Rules:
 * - no-file-cycle: no import cycle between files (type-only imports included).
 * - no-folder-cycle: no import cycle between folders.
 * - layer-order: a folder of src/ imports only folders of a lower rank (LAYERS below).
 * - layer-unknown-folder: every folder (and top-level file) of src/ has a rank.
 * - import-through-index: into another folder only through its index.ts.
 * - catalog-entry-only: migrations import src/catalog only (the migration contract).
 *
 * The exceptions at the end are violations that exist today. Each names why it is there and
 * what removes it; delete an entry when its import is gone (an unused entry is harmless but
 * hides nothing new: every other import still has to follow the rules).
 */

/**
 * Rank of each folder (or top-level module) of src/, highest first. A folder may import only
 * folders of a strictly lower rank; folders of one rank do not import each other.
 */
export const LAYERS = {
  // src/index.ts: the library entry of the package (`import { defineMigration } from 'godwit'`)
  index: 11,
  cli: 10,
  dashboard: 9,
  queue: 8,
  eval: 8,
  pipeline: 7,
  agent: 6,
  context: 5,
  verify: 5,
  forge: 5,
  workspace: 4,
  catalog: 3,
  // subprocesses, the sandbox and the one git runner (the catalog's repo snapshot lists files with git)
  process: 2,
  // service logging (pino) and Prometheus metrics (prom-client)
  observe: 2,
  config: 1,
  // the one model of a unified diff (src/diff: read by the guards and the dashboard, made for untracked files)
  diff: 1,
  report: 1,
  errors: 0,
};

/**
 * Files that are their folder's entry although they are not called index.ts.
 * report/ is one file, the RunReport schema.
 */
const ENTRY_FILES = ['^src/report/run-report\\.ts$'];

/**
 * import-through-index exceptions: [from folder, into folder, why]. Reaching past an index.ts
 * from `from` into `into` is allowed while the entry is here.
 */
const DEEP_IMPORTS = [
  // config/index.ts re-exports loadConfig and GodwitConfig; ~25 files import schema.ts/load.ts by
  // habit. A mechanical switch, deferred so as not to touch seven branches in flight (issue 18 follow-up).
  ['*', 'config', 'imports of config/schema.ts and config/load.ts predate config/index.ts (issue 18 follow-up)'],
  // catalog/ has no index.ts yet: the migration contract (definition.ts, define.ts, entry.ts),
  // the registry and applicability are imported file by file (issue 18 follow-up: add the index).
  ['*', 'catalog', 'catalog/ has no index.ts yet (issue 18 follow-up)'],
  ['cli', 'verify', 'cli/shared.ts (imported by every command, --help included) takes the flag parser from verify/overrides.ts: the verify barrel loads ts-morph, 1.7 s of start-up (issue 17)'],
  ['eval', 'agent', 'eval asks agent/uses-llm.ts whether a migration can use the model without loading the agent barrel, whose model client is ~150 modules of start-up; the agent itself is imported (through its index) only for a case that runs it (issue 15)'],
  ['cli', 'queue', 'commands open the queue context and control files directly (issue 17 reworks cli/main and the queue read model)'],
  ['dashboard', 'queue', 'the dashboard reads BullMQ keys and queue files directly (issue 17: one queue read model)'],
  ['cli', 'pipeline', 'demo/run/worker import run-job.ts; pipeline/index.ts exports runJob (issue 17 reworks cli)'],
  ['queue', 'pipeline', 'process-repo.ts takes the RunJob type from pipeline/types.ts (issue 18 follow-up)'],
  ['pipeline', 'workspace', 'the stages import workspace files one by one (issue 14 reworks prepare/install)'],
  ['eval', 'workspace', 'eval applies package changes through workspace/packages.ts (issue 18 follow-up)'],
  ['eval', 'pipeline', "eval runs the pipeline's codemod step (pipeline/run-codemod.ts) without loading run-job, the stages and the forge through pipeline/index.ts: godwit eval's start-up (issue 15)"],
  ['pipeline', 'verify', 'the baseline and gate stages import detect/run/compare/guards files (issue 13 reworks the gate)'],
  ['agent', 'verify', 'the loop imports verify/fast and the judge verify/guards/working-tree-diff.ts (issue 19 owns src/agent)'],
  ['workspace', 'verify', 'repo-settings.ts validates the verifiers of .godwit.json with verify/overrides.ts (issue 18 follow-up: the schema belongs below both)'],
  ['workspace', 'forge', 'clone/commit/git take RepoRef and the commit identity from forge/types.ts (issue 18 follow-up: move them down)'],
  ['pipeline', 'forge', 'prepare/publish import repo-ref.ts and pr-body.ts; context.ts the Forge types (issue 18 follow-up)'],
  ['queue', 'forge', 'the PR-sync job and repo list use forge/github/* and forge/repo-ref.ts (issue 16 reworks the GitHub follow-ups)'],
  ['cli', 'forge', 'enqueue/run use forge/github/discovery.ts and forge/repo-ref.ts (issue 16 / issue 17)'],
  ['pipeline', 'agent', 'save-project.ts uses agent/safe-path.ts (issue 18 follow-up: safe paths belong below both)'],
  ['pipeline', 'context', 'the agent stage takes the BuiltContext type from context/types.ts (context/index.ts exports it; issue 15)'],
];

/** layer-order exceptions: [from folder, into folder, why]. */
const UPWARD_IMPORTS = [
  ['workspace', 'forge', 'RepoRef and the commit identity live in forge/types.ts (issue 18 follow-up: move them below both)'],
  ['workspace', 'verify', 'repo-settings.ts validates the verifiers of .godwit.json with verify/overrides.ts (issue 18 follow-up: the schema belongs below both)'],
];

/**
 * no-folder-cycle exceptions: folders whose cycles are not reported from their side. A cycle
 * is reported once per folder on it, so it passes only when every folder on it is listed.
 */
const FOLDER_CYCLES = [
  // registry.ts loads migrations-catalog/index.ts with a dynamic import(), and the migrations
  // import the catalog's contract: a plug-in boundary (migrations-catalog is outside src/ and
  // is checked by catalog-entry-only), not a layering cycle.
  ['catalog', 'the catalog ↔ migrations-catalog plug-in boundary'],
  // catalog/snapshot.ts lists files through the git runner: the same plug-in boundary seen from process/ (via src/errors.ts)
  ['process', 'the catalog ↔ migrations-catalog plug-in boundary, reached through catalog → process → errors'],
];

const folders = Object.keys(LAYERS);
const TOP_LEVEL_FILES = ['errors', 'index'];
const folderOf = (name) => (TOP_LEVEL_FILES.includes(name) ? `^src/${name}\\.ts$` : `^src/${name}/`);
const anyOf = (names) => (names.length ? `^src/(${names.join('|')})(/|\\.ts$)` : '^$');

/** One layer-order rule per folder: it may not import a folder of equal or higher rank. */
function layerRules() {
  return folders.flatMap((from) => {
    const exempt = UPWARD_IMPORTS.filter(([f]) => f === from).map(([, to]) => to);
    const forbidden = folders.filter((to) => to !== from && LAYERS[to] >= LAYERS[from] && !exempt.includes(to));
    if (forbidden.length === 0) return [];
    return [
      {
        name: 'layer-order',
        severity: 'error',
        comment: `src/${from} (rank ${LAYERS[from]}) may import only folders of a lower rank (see LAYERS in .dependency-cruiser.mjs)`,
        from: { path: folderOf(from) },
        to: { path: anyOf(forbidden) },
      },
    ];
  });
}

/** One import-through-index rule per folder: into another folder only through its index.ts. */
function indexRules() {
  return folders.map((from) => {
    const exempt = DEEP_IMPORTS.filter(([f]) => f === '*' || f === from).map(([, to]) => `^src/${to}/`);
    return {
      name: 'import-through-index',
      severity: 'error',
      comment: `src/${from} reaches into another folder past its index.ts`,
      from: { path: folderOf(from) },
      to: {
        path: '^src/[^/]+/',
        pathNot: [`^src/${from}/`, '^src/[^/]+/index\\.ts$', ...ENTRY_FILES, ...exempt],
      },
    };
  });
}

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-file-cycle',
      severity: 'error',
      comment: 'An import cycle between files (type-only imports included).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycle',
      severity: 'error',
      comment: 'An import cycle between folders of src/.',
      scope: 'folder',
      from: { path: '^src/', pathNot: FOLDER_CYCLES.map(([f]) => `^src/${f}$`) },
      to: { circular: true },
    },
    ...[{ from: { path: '^src/' }, to: { path: '^src/', pathNot: anyOf(folders) } }, { from: { path: '^src/', pathNot: anyOf(folders) }, to: {} }].map(
      (ends) => ({
        name: 'layer-unknown-folder',
        severity: 'error',
        comment: 'A folder or top-level file of src/ without a rank: add it to LAYERS in .dependency-cruiser.mjs.',
        ...ends,
      }),
    ),
    ...layerRules(),
    ...indexRules(),
    {
      name: 'catalog-entry-only',
      severity: 'error',
      comment: 'Migrations depend on the migration contract in src/catalog only.',
      from: { path: '^migrations-catalog/' },
      to: { path: '^src/', pathNot: ['^src/catalog/', '^src/errors\\.ts$', ...ENTRY_FILES] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)cases/', '^test/fixtures/', '^examples/', '^src/dashboard/assets/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    skipAnalysisNotInRules: true,
  },
};
