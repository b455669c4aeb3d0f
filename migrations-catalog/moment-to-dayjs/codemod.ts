/**
 * moment-to-dayjs codemod: rewrites every file that imports moment (rewrite-file.ts); when
 * any of them needs dayjs plugins or locales, they are registered once, in a setup module
 * (`src/dayjs.ts`, or `dayjs.ts` without src/), which those files then import dayjs from.
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

export default function momentToDayjs(project: Project, ctx: CodemodContext): void {
  const root = ctx.dir.split(path.sep).join('/');
  project.addSourceFilesAtPaths([`${root}/**/*.{ts,tsx,mts,cts,js,jsx}`, `!${root}/**/node_modules/**`, `!${root}/**/*.d.ts`]);
  const plugins = new Set<string>();
  const locales = new Set<string>();
  const changed: SourceFile[] = [];
  for (const sf of project.getSourceFiles()) {
    if (sf.isDeclarationFile() || sf.getFilePath().includes('/node_modules/')) continue;
    if (!/['"]moment['"]/.test(sf.getFullText())) continue;
    const r = rewriteMomentFile(sf);
    const rel = path.relative(ctx.dir, sf.getFilePath());
    if (r.changed) changed.push(sf);
    r.plugins.forEach((p) => plugins.add(p));
    r.locales.forEach((l) => locales.add(l));
    for (const l of r.leftovers) ctx.leave({ file: rel, ...l });
  }
  if (plugins.size === 0 && locales.size === 0) return;

  const setup = setupFile(ctx.dir);
  const existing = project.getSourceFile(setup);
  const text = setupModuleText([...plugins].sort(), [...locales].sort());
  if (existing) existing.replaceWithText(text);
  else project.createSourceFile(setup, text, { overwrite: true });
  ctx.log(`${path.relative(ctx.dir, setup)}: registers ${[...plugins].sort().join(', ') || 'no plugins'}`);
  const ext = needsJsExtension(ctx.dir) ? '.js' : '';
  for (const sf of changed) {
    let rel = path.relative(path.dirname(sf.getFilePath()), setup).replace(/\.ts$/, ext).split(path.sep).join('/');
    if (!rel.startsWith('.')) rel = `./${rel}`;
    for (const imp of sf.getImportDeclarations()) {
      if (imp.getModuleSpecifierValue() === 'dayjs' && !imp.isTypeOnly()) imp.setModuleSpecifier(rel);
    }
  }
}
