/**
 * A small repository with every form of import and reference the context engine must find
 * (and a few it must not). Written into a temp dir per test file; no npm install needed — the
 * external modules are tiny .d.ts files in node_modules.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const FILES: Record<string, string> = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      jsx: 'preserve',
      strict: true,
      allowJs: true,
      esModuleInterop: true,
      paths: { '@lib': ['./src/lib/index.ts'] },
    },
  }),
  'node_modules/moment/package.json': JSON.stringify({ name: 'moment', types: 'index.d.ts' }),
  'node_modules/moment/index.d.ts': [
    'declare function moment(input?: string): moment.Moment;',
    'declare namespace moment {',
    '  interface Moment { format(f?: string): string; year(): number }',
    '  interface Duration { humanize(): string }',
    '  function utc(input?: string): Moment;',
    '  function duration(n: number): Duration;',
    '}',
    'export = moment;',
    '',
  ].join('\n'),
  'node_modules/ui-kit/package.json': JSON.stringify({ name: 'ui-kit', types: 'index.d.ts' }),
  'node_modules/ui-kit/index.d.ts': 'export declare function Button(props: { label: string }): unknown;\n',
  'src/default-import.ts': [
    "import moment from 'moment';",
    '',
    'export function year(d: string): string {',
    "  return moment(d).format('YYYY');",
    '}',
    'export const utcNow = () => moment.utc();',
    "const label = 'moment';",
    '// moment in a comment',
    'function shadowed(moment: number): number {',
    '  return moment * 2;',
    '}',
    'function inner() {',
    '  const moment = 3;',
    '  return moment;',
    '}',
    'export { shadowed, inner, label };',
    '',
  ].join('\n'),
  'src/named-alias.ts': [
    "import { utc as toUtc, duration, type Moment } from 'moment';",
    "import type { Duration } from 'moment';",
    '',
    'export function f(x: Moment): Duration {',
    '  toUtc();',
    '  return duration(x.year());',
    '}',
    '',
  ].join('\n'),
  'src/namespace.ts': [
    "import * as m from 'moment';",
    'export function g(): m.Moment {',
    '  return m.utc();',
    '}',
    'export const h = m;',
    '',
  ].join('\n'),
  'src/reexport.ts': ["export { utc, duration as dur } from 'moment';", "export * from 'moment';", ''].join('\n'),
  'src/use-reexport.ts': ["import { dur, utc as u2 } from './reexport';", 'export const d = dur(5);', 'export const e = u2();', ''].join('\n'),
  'src/lib/index.ts': ["export { default as dayLib } from 'moment';", "export { helper } from './helper';", ''].join('\n'),
  'src/lib/helper.ts': 'export const helper = 1;\n',
  'src/all.ts': "export * from './lib';\n",
  'src/use-all.ts': ["import { dayLib } from './all';", 'export const now = () => dayLib();', ''].join('\n'),
  'src/use-alias.ts': ["import { dayLib as d } from '@lib';", 'export const t = d().year();', 'export const broken = (;', ''].join('\n'),
  'src/wrap.ts': ["import mm from 'moment';", 'export { mm as wrapped };', 'export default mm;', ''].join('\n'),
  'src/use-wrap.ts': ["import w, { wrapped } from './wrap';", 'export const z = w().year() + wrapped().year();', ''].join('\n'),
  'src/use-barrel.tsx': [
    "import { dayLib, helper } from './lib';",
    'export const View = () => <div>{dayLib().format()}{helper}</div>;',
    '',
  ].join('\n'),
  'src/jsx.tsx': [
    "import { Button as Btn } from 'ui-kit';",
    "import * as UI from 'ui-kit';",
    'export const A = () => <Btn label="x" />;',
    'export const B = () => <UI.Button label="y"></UI.Button>;',
    '',
  ].join('\n'),
  'src/cjs.js': [
    "const moment = require('moment');",
    "const { utc, duration: dur } = require('moment');",
    "const fmt = require('moment').format;",
    'function run() {',
    '  return moment().format() + utc() + dur(2);',
    '}',
    'module.exports = { run, fmt };',
    '',
  ].join('\n'),
  'src/equals.cts': ["import m = require('moment');", 'export function k() {', '  return m.utc();', '}', ''].join('\n'),
  'src/dynamic.mts': [
    'export async function later() {',
    "  const { default: mm } = await import('moment');",
    '  return mm().format();',
    '}',
    'export function lazy() {',
    "  return import('moment').then((x) => x.utc());",
    '}',
    '',
  ].join('\n'),
  'src/types-only.ts': [
    "import type { Moment } from 'moment';",
    'export type Stamp = { at: Moment };',
    "export type Lazy = import('moment').Duration;",
    '',
  ].join('\n'),
  'src/strings.ts': [
    "export const a = 'moment';",
    "export const b = `require('moment')`;",
    "// import moment from 'moment';",
    'export const moment = 5;',
    'export function use() {',
    '  return moment + 1;',
    '}',
    '',
  ].join('\n'),
  'src/widget.jsx': ["import moment from 'moment';", 'export const W = () => <span>{moment().year()}</span>;', ''].join('\n'),
  'node_modules/other/index.js': "require('moment');\n",
  'dist/bundle.js': "require('moment');\n",
};

export function writeRepo(files: Record<string, string>, prefix = 'godwit-ctx-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  return dir;
}

/** 1-based column of the `nth` occurrence of `needle` on `line` of a fixture file. */
export function at(file: string, line: number, needle: string, nth = 1): [string, number, number] {
  const text = FILES[file]!.split('\n')[line - 1]!;
  let col = -1;
  for (let i = 0; i < nth; i++) col = text.indexOf(needle, col + 1);
  if (col < 0) throw new Error(`${needle} not on ${file}:${line}`);
  return [file, line, col + 1];
}
