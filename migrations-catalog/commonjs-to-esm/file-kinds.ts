/**
 * Which files commonjs-to-esm converts, by extension and package type — one rule for the
 * codemod, the locator and the applicability check:
 * - `.ts`, `.tsx`, `.mts`, `.mjs`: converted. TypeScript emits the module format tsconfig
 *   asks for whatever the source syntax; `.mts`/`.mjs` are ES modules already, so a stray
 *   `require`/`module.exports` in them is a bug the conversion fixes.
 * - `.js`, `.jsx`: converted when the nearest package.json says `"type": "module"` (Node
 *   loads them as ES modules). In a CommonJS package (no `"type"`, `"type": "commonjs"`, no
 *   package.json) they are correct CommonJS and ESM syntax would not load: left unchanged and
 *   not sites (switching the package type is a package-wide decision; `jest.config.js` of a
 *   TypeScript repository must not call the agent).
 * - `.cjs`, `.cts`: CommonJS by their extension, chosen on purpose (tool configs such as
 *   `.eslintrc.cjs`, files a CommonJS consumer `require()`s): converting the syntax without
 *   renaming breaks them, and they load fine from an ES module package. Left unchanged and not
 *   sites, like a CommonJS package's `.js` (reporting them would call the agent on nearly every
 *   repository for a file that is right as it is).
 * - `.d.ts`/`.d.mts`/`.d.cts` and node_modules: never touched, never sites.
 */
import path from 'node:path';
import { ts, type Project, type SourceFile } from 'ts-morph';

/** Not converted: CommonJS by choice, not sites at all; `reason` says why (and what converting it would take). */
export type FileKind = { convert: true } | { convert: false; reason: string };

/** Every source extension the migration looks at (converted, reported, or judged CommonJS by choice). */
export const SOURCE_GLOB = '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}';
const SOURCE = /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/;
const DECLARATION = /\.d\.[cm]?ts$/;

/** How `packageType` reads package.json files: a Project's file system, or the disk. */
export interface FileReader {
  exists(file: string): boolean;
  read(file: string): string;
}

const projectReader = (project: Project): FileReader => {
  const fs = project.getFileSystem();
  return { exists: (f) => fs.fileExistsSync(f), read: (f) => fs.readFileSync(f) };
};

/** The `"type"` of the package.json nearest to `file` (`at`: where it is), as Node finds it. */
export function packageType(reader: FileReader, file: string): { type: string | undefined; at: string | undefined } {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (!dir.includes('/node_modules/') && reader.exists(pkg)) {
      try {
        const parsed = JSON.parse(reader.read(pkg)) as { type?: unknown };
        return { type: typeof parsed.type === 'string' ? parsed.type : undefined, at: pkg };
      } catch {
        return { type: undefined, at: pkg };
      }
    }
    if (path.dirname(dir) === dir) return { type: undefined, at: undefined };
  }
}

/** Whether the migration looks at `file` at all (a source file outside node_modules, no declaration file). */
export function isSource(file: string): boolean {
  return SOURCE.test(file) && !DECLARATION.test(file) && !file.includes('/node_modules/');
}

/** What the migration does with `file` (absolute path; `isSource(file)` holds). */
export function fileKind(reader: Project | FileReader, file: string): FileKind {
  if (/\.(?:ts|tsx|mts|mjs)$/.test(file)) return { convert: true };
  if (file.endsWith('.cjs') || file.endsWith('.cts')) {
    const ext = path.extname(file);
    const esm = ext === '.cjs' ? '.mjs' : '.mts';
    return {
      convert: false,
      reason: `a ${ext} file is CommonJS by its extension (a choice that an ES module package loads fine): ES module syntax in it would not load. Convert it only by renaming it to ${esm} and updating every importer`,
    };
  }
  const { type, at } = packageType('getFileSystem' in reader ? projectReader(reader) : reader, file);
  if (type === 'module') return { convert: true };
  const why = at ? `its package.json has ${type === undefined ? 'no "type"' : `"type": "${type}"`}` : 'no package.json declares "type": "module"';
  return {
    convert: false,
    reason: `this ${path.extname(file)} file belongs to a CommonJS package (${why}): ES module syntax in it would not load. Convert it only together with setting "type": "module" (every .js file of the package then loads as ESM), or rename it to .mjs`,
  };
}

/**
 * Does `sf` run as an ES module (where `__dirname`, `__filename` and `require` are not
 * defined)? `.mjs`/`.mts`: always; `.js`/`.jsx` in a `"type": "module"` package; `.ts`/`.tsx`
 * compiled with `module` node16/nodenext in such a package. A `.ts` file compiled to CommonJS,
 * or for a bundler (`module` esnext), keeps whatever the tool provides: not decided here.
 */
export function runsAsEsm(project: Project, sf: SourceFile): boolean {
  const file = sf.getFilePath();
  if (/\.m[jt]s$/.test(file)) return true;
  if (/\.c[jt]s$/.test(file)) return false;
  if (/\.jsx?$/.test(file)) return packageType(projectReader(project), file).type === 'module';
  const mod = project.getCompilerOptions().module;
  const nodeModules = mod !== undefined && mod >= ts.ModuleKind.Node16 && mod <= ts.ModuleKind.NodeNext;
  return nodeModules && packageType(projectReader(project), file).type === 'module';
}
