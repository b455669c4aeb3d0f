/**
 * Module format detection for the source files we parse ourselves. Under `module`
 * `node16`/`nodenext`, TypeScript decides per file whether it is an ES module or CommonJS
 * from its extension (`.mts`/`.mjs` vs `.cts`/`.cjs`) and, for `.ts`/`.tsx`/`.js`/`.jsx`, from
 * the `"type"` of the nearest package.json (`impliedNodeFormat`). `tsc` computes that when it
 * creates a source file; ts-morph's document registry does not, so without this every file
 * of a `"type": "module"` package would count as CommonJS in the in-loop checks (TS1470
 * "'import.meta' is not allowed in files which will build into CommonJS output" on a
 * `vitest.config.ts` that `tsc` accepts).
 *
 * `sourceFileOptions` gives the options `ts.createSourceFile` needs; `trackModuleFormat` makes
 * a ts-morph Project create its files with them. package.json is read when a file is
 * (re)created, not cached, so a `"type"` changed during a run counts from the next edit on.
 */
import { existsSync, readFileSync } from 'node:fs';
import { ts, type Project } from 'ts-morph';

const host: ts.ModuleResolutionHost = {
  fileExists: (file) => existsSync(file),
  readFile: (file) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  },
};

/** Present at run time in the TypeScript ts-morph bundles, not declared in its typings. */
const setExternalModuleIndicatorFor = (ts as unknown as { getSetExternalModuleIndicator?: (o: ts.CompilerOptions) => (file: ts.SourceFile) => void })
  .getSetExternalModuleIndicator;

/** What `tsc` passes to `createSourceFile` for `fileName` (absolute) under `options`. */
export function sourceFileOptions(fileName: string, options: ts.CompilerOptions): ts.CreateSourceFileOptions {
  const impliedNodeFormat = ts.getImpliedNodeFormatForFile(fileName, undefined, host, options);
  return {
    languageVersion: options.target ?? ts.ScriptTarget.ES2022,
    ...(impliedNodeFormat !== undefined ? { impliedNodeFormat } : {}),
    ...(setExternalModuleIndicatorFor ? { setExternalModuleIndicator: setExternalModuleIndicatorFor(options) } : {}),
  };
}

/** The part of ts-morph's document registry (`@ts-morph/common`) that creates compiler source files. */
interface DocumentRegistryLike {
  createOrUpdateSourceFile(fileName: string, settings: ts.CompilerOptions, snapshot: ts.IScriptSnapshot, scriptKind?: ts.ScriptKind): ts.SourceFile;
  acquireDocument(fileName: string, settings: ts.CompilerOptions, snapshot: ts.IScriptSnapshot, version: string, scriptKind?: ts.ScriptKind): ts.SourceFile;
}

function documentRegistryOf(project: Project): DocumentRegistryLike | undefined {
  const registry = (project as unknown as { _context?: { compilerFactory?: { documentRegistry?: Partial<DocumentRegistryLike> } } })._context?.compilerFactory
    ?.documentRegistry;
  return typeof registry?.createOrUpdateSourceFile === 'function' && typeof registry.acquireDocument === 'function'
    ? (registry as DocumentRegistryLike)
    : undefined;
}

/**
 * Makes `project` create every source file with its module format, as `tsc` does. ts-morph
 * hands `settings.target` to `createLanguageServiceSourceFile`, which takes the full create
 * options in its place, so the options go there. Returns false when the
 * installed ts-morph does not have the expected shape (the test in
 * test/context/module-format.test.ts then fails against real tsc).
 */
export function trackModuleFormat(project: Project): boolean {
  const registry = documentRegistryOf(project);
  if (!registry) return false;
  // ts-morph reads only `settings.target`, and only when it parses the file (not for a cache
  // hit): a getter computes the create options then.
  const withFormat = (fileName: string): ts.CompilerOptions => {
    let computed: ts.CreateSourceFileOptions | undefined;
    const target = (): ts.CreateSourceFileOptions => (computed ??= sourceFileOptions(fileName, project.getCompilerOptions()));
    return Object.defineProperty({}, 'target', { get: target, enumerable: true }) as ts.CompilerOptions;
  };
  const create = registry.createOrUpdateSourceFile.bind(registry);
  const acquire = registry.acquireDocument.bind(registry);
  registry.createOrUpdateSourceFile = (fileName, _settings, snapshot, scriptKind) => create(fileName, withFormat(fileName), snapshot, scriptKind);
  registry.acquireDocument = (fileName, _settings, snapshot, version, scriptKind) => acquire(fileName, withFormat(fileName), snapshot, version, scriptKind);
  return true;
}
