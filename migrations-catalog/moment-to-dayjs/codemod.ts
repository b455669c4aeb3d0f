/**
 * moment-to-dayjs codemod: rewrites every file that imports moment (rewrite-file.ts); the dayjs
 * plugins and locales they need are registered either once, in a setup module (`src/dayjs.ts`,
 * or `dayjs.ts` without src/) that those files then import dayjs from, or with `dayjs.extend` in
 * each file (option `pluginRegistration`; by default the repository's most common convention).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ts, type Project, type SourceFile } from 'ts-morph';
import type { CodemodContext } from '../../src/catalog/definition.js';
import { rewriteMomentFile } from './rewrite-file.js';

export const SETUP_MARKER = '// dayjs plugins, registered once (godwit moment-to-dayjs).';

function setupFile(dir: string): string {
  const base = existsSync(path.join(dir, 'src')) ? path.join(dir, 'src') : dir;
  const first = path.join(base, 'dayjs.ts');
  if (!existsSync(first) || readFileSync(first, 'utf8').includes(SETUP_MARKER)) return first;
  return path.join(base, 'dayjs-setup.ts');
}

function needsJsExtension(dir: string): boolean {
  const file = path.join(dir, 'tsconfig.json');
  if (!existsSync(file)) return false;
  const cfg = ts.parseConfigFileTextToJson(file, readFileSync(file, 'utf8')).config as { compilerOptions?: { module?: string } } | undefined;
  const mod = String(cfg?.compilerOptions?.module ?? '').toLowerCase();
  return mod === 'node16' || mod === 'nodenext';
}

export function setupModuleText(plugins: string[], locales: string[]): string {
  const lines = [SETUP_MARKER, "import dayjs from 'dayjs';"];
  for (const p of plugins) lines.push(`import ${p} from 'dayjs/plugin/${p}';`);
  for (const l of locales) lines.push(`import 'dayjs/locale/${l}';`);
  lines.push('');
  for (const p of plugins) lines.push(`dayjs.extend(${p});`);
  lines.push('', 'export default dayjs;', '');
  return lines.join('\n');
}

/** Where plugins are registered: `dayjs.extend` in each file, or once in a shared setup module. */
export type PluginStyle = 'inline' | 'setup-module';

/**
 * The `pluginRegistration` option: `inline`, `setup-module`, or `auto` (the default): the
 * repository's most common convention. A file that calls `dayjs.extend` and exports dayjs is a
 * setup module; each file importing one (relatively, or a setup module itself without importers)
 * counts for `setup-module`, each other file calling `dayjs.extend` counts for `inline`. The
 * larger count wins; a tie, or a repository that does neither, gets a setup module. With
 * `setup-module`, the repository's own most-imported setup module (when it has one) is where the
 * new plugins are registered.
 */
export function houseStyle(project: Project, option: unknown): { style: PluginStyle; setupModule?: SourceFile } {
  const setupModules = new Map<string, SourceFile>();
  let inline = 0;
  for (const sf of project.getSourceFiles()) {
    if (sf.getFilePath().includes('/node_modules/')) continue;
    const text = sf.getFullText();
    if (!/\bdayjs\.extend\(/.test(text)) continue;
    if (text.includes(SETUP_MARKER) || /export\s+default\s+dayjs\b/.test(text)) setupModules.set(withoutExtension(sf.getFilePath()), sf);
    else inline++;
  }
  const importers = new Map<string, number>();
  for (const sf of project.getSourceFiles()) {
    const here = path.dirname(sf.getFilePath());
    const hits = new Set(
      sf
        .getImportDeclarations()
        .map((i) => i.getModuleSpecifierValue())
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => withoutExtension(path.resolve(here, spec)))
        .map((p) => (setupModules.has(p) ? p : `${p}/index`))
        .filter((p) => setupModules.has(p)),
    );
    for (const h of hits) importers.set(h, (importers.get(h) ?? 0) + 1);
  }
  const setupCount = [...setupModules.keys()].reduce((n, m) => n + Math.max(1, importers.get(m) ?? 0), 0);
  const byUse = [...setupModules.entries()].sort((x, y) => (importers.get(y[0]) ?? 0) - (importers.get(x[0]) ?? 0) || x[0].localeCompare(y[0]));
  const own = byUse.find(([, sf]) => !sf.getFullText().includes(SETUP_MARKER))?.[1];
  const style: PluginStyle = option === 'inline' || option === 'setup-module' ? option : inline > setupCount ? 'inline' : 'setup-module';
  return style === 'setup-module' && own ? { style, setupModule: own } : { style };
}

function withoutExtension(file: string): string {
  return file.replace(/\.[cm]?[jt]sx?$/, '');
}

/** `import x from 'dayjs/plugin/x'` after the dayjs import and `dayjs.extend(x)` after the imports of one file. */
function registerInline(sf: SourceFile, plugins: string[], locales: string[]): void {
  const text = sf.getFullText();
  const dayjsImport = sf.getImportDeclarations().find((i) => i.getModuleSpecifierValue() === 'dayjs' && !i.isTypeOnly());
  if (!dayjsImport) return;
  const name = dayjsImport.getDefaultImport()?.getText() ?? dayjsImport.getNamespaceImport()?.getText() ?? 'dayjs';
  const missing = plugins.filter((p) => !new RegExp(`\\b${name}\\.extend\\(\\s*${p}\\s*\\)`).test(text) && !text.includes(`'dayjs/plugin/${p}'`));
  const imports = [...missing.map((p) => `import ${p} from 'dayjs/plugin/${p}';`), ...locales.filter((l) => !text.includes(`'dayjs/locale/${l}'`)).map((l) => `import 'dayjs/locale/${l}';`)];
  if (imports.length === 0 && missing.length === 0) return;
  const last = sf.getImportDeclarations().at(-1)!;
  const extendText = missing.map((p) => `${name}.extend(${p});`).join('\n');
  const at1 = dayjsImport.getEnd();
  const at2 = last.getEnd();
  const importText = imports.map((l) => `\n${l}`).join('');
  // New extend calls go before the file's first one (a setup module keeps one block of them).
  const firstExtend = extendText ? text.slice(at2).search(new RegExp(`\\n${name}\\.extend\\(`)) : -1;
  const out =
    firstExtend >= 0
      ? `${text.slice(0, at1)}${importText}${text.slice(at1, at2 + firstExtend + 1)}${extendText}\n${text.slice(at2 + firstExtend + 1)}`
      : at1 === at2
      ? `${text.slice(0, at1)}${importText}${extendText ? `\n\n${extendText}` : ''}${text.slice(at1)}`
      : `${text.slice(0, at1)}${importText}${text.slice(at1, at2)}${extendText ? `\n\n${extendText}` : ''}${text.slice(at2)}`;
  sf.replaceWithText(out);
}

export default function momentToDayjs(project: Project, ctx: CodemodContext): void {
  const root = ctx.dir.split(path.sep).join('/');
  project.addSourceFilesAtPaths([`${root}/**/*.{ts,tsx,mts,cts,js,jsx}`, `!${root}/**/node_modules/**`, `!${root}/**/*.d.ts`]);
  const { style, setupModule } = houseStyle(project, ctx.options.pluginRegistration);
  const plugins = new Set<string>();
  const locales = new Set<string>();
  const changed: Array<{ sf: SourceFile; plugins: Set<string>; locales: Set<string> }> = [];
  for (const sf of project.getSourceFiles()) {
    if (sf.isDeclarationFile() || sf.getFilePath().includes('/node_modules/')) continue;
    if (!/['"]moment['"]/.test(sf.getFullText())) continue;
    const r = rewriteMomentFile(sf);
    const rel = path.relative(ctx.dir, sf.getFilePath());
    if (r.changed) changed.push({ sf, plugins: r.plugins, locales: r.locales });
    r.plugins.forEach((p) => plugins.add(p));
    r.locales.forEach((l) => locales.add(l));
    for (const l of r.leftovers) ctx.leave({ file: rel, ...l });
  }
  if (plugins.size === 0 && locales.size === 0) return;

  if (style === 'inline') {
    for (const c of changed) registerInline(c.sf, [...c.plugins].sort(), [...c.locales].sort());
    ctx.log(`dayjs plugins registered in each file that needs them: ${[...plugins].sort().join(', ') || 'none'}`);
    return;
  }
  let setup: string;
  if (setupModule) {
    // The repository's own setup module: add what is missing, keep the rest of it as it is.
    registerInline(setupModule, [...plugins].sort(), [...locales].sort());
    setup = setupModule.getFilePath();
  } else {
    setup = setupFile(ctx.dir);
    const existing = project.getSourceFile(setup);
    const text = setupModuleText([...plugins].sort(), [...locales].sort());
    if (existing) existing.replaceWithText(text);
    else project.createSourceFile(setup, text, { overwrite: true });
  }
  ctx.log(`${path.relative(ctx.dir, setup)}: registers ${[...plugins].sort().join(', ') || 'no plugins'}`);
  const ext = needsJsExtension(ctx.dir) ? '.js' : '';
  for (const { sf } of changed) {
    let rel = path.relative(path.dirname(sf.getFilePath()), setup).replace(/\.[cm]?[jt]sx?$/, ext).split(path.sep).join('/');
    if (!rel.startsWith('.')) rel = `./${rel}`;
    for (const imp of sf.getImportDeclarations()) {
      if (imp.getModuleSpecifierValue() === 'dayjs' && !imp.isTypeOnly()) imp.setModuleSpecifier(rel);
    }
  }
}
