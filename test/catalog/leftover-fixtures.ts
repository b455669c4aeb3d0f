/**
 * Per catalog migration: a small repository holding one construct its codemod cannot translate
 * exactly, where that construct is reported, and the scripted agent's edit that finishes it
 * (used by leftover-to-agent.test.ts). Each repository is green before the change, and its own
 * tests fail when the construct is left unfinished, so the gate proves the agent's edit.
 */
import type { ScriptedToolCall } from '../support/fake-openai/server.js';

export interface LeftoverScenario {
  id: string;
  /** What the codemod cannot translate, in words (the test's name). */
  construct: string;
  files: Record<string, string | null>;
  packageJson: Record<string, unknown>;
  /** The leftover site the agent must be given. */
  site: { file: string; line: number; reason: RegExp };
  /** The scripted agent's tool calls that finish the site (a `finish` call is appended). */
  finish: ScriptedToolCall[];
  /** Text the final diff must contain (the codemod's and the agent's changes reached the gate). */
  diffHas: string[];
}

const lines = (...l: string[]): string => `${l.join('\n')}\n`;
const edit = (path: string, search: string, replace: string): ScriptedToolCall => ({ name: 'edit_file', arguments: { path, search, replace } });
const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** tsc for a bundler-style ESM repository whose tests vitest runs. */
function bundlerTsconfig(types: string[], include = ['src', 'test']): string {
  return json({
    compilerOptions: {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      strict: true,
      esModuleInterop: true,
      jsx: 'react-jsx',
      noEmit: true,
      skipLibCheck: true,
      types,
    },
    include,
  });
}

/**
 * Vite bundles a TypeScript config into `<nearest node_modules>/.vite-temp`, which for these
 * fixtures is the sandbox's read-only toolbox (godwit's node_modules); the runner loader reads
 * the config without writing anything.
 */
const VITEST_SCRIPTS = { test: 'vitest run --configLoader runner', typecheck: 'tsc --noEmit -p .' };

const nodeProtocolImports: LeftoverScenario = {
  id: 'node-protocol-imports',
  construct: "a Vitest alias of the bare built-in 'fs' (it stops matching once imports say node:fs)",
  packageJson: { type: 'module', scripts: VITEST_SCRIPTS, devDependencies: { vitest: '^4.0.0', typescript: '^5.8.0', '@types/node': '^20.19.0' } },
  files: {
    'tsconfig.json': bundlerTsconfig(['node']),
    'vitest.config.ts': lines(
      "import { fileURLToPath } from 'node:url';",
      "import { defineConfig } from 'vitest/config';",
      '',
      'export default defineConfig({',
      '  resolve: {',
      '    alias: {',
      "      fs: fileURLToPath(new URL('./test/memory-fs.ts', import.meta.url)),",
      '    },',
      '  },',
      '});',
    ),
    'test/memory-fs.ts': lines('export function readFileSync(file: string): string {', '  return `memory:${file}`;', '}'),
    'src/read.ts': lines("import { readFileSync } from 'fs';", '', 'export function readConfig(file: string): string {', "  return String(readFileSync(file, 'utf8'));", '}'),
    'test/read.test.ts': lines(
      "import { expect, it } from 'vitest';",
      "import { readConfig } from '../src/read.js';",
      '',
      "it('reads from the in-memory file system', () => {",
      "  expect(readConfig('/etc/app.json')).toBe('memory:/etc/app.json');",
      '});',
    ),
  },
  site: { file: 'vitest.config.ts', line: 7, reason: /maps the bare built-in 'fs'.*node:fs/ },
  finish: [
    edit('vitest.config.ts', "      fs: fileURLToPath(new URL('./test/memory-fs.ts', import.meta.url)),", "      fs: fileURLToPath(new URL('./test/memory-fs.ts', import.meta.url)),\n      'node:fs': fileURLToPath(new URL('./test/memory-fs.ts', import.meta.url)),"),
  ],
  diffHas: ["+import { readFileSync } from 'node:fs';", "+      'node:fs': fileURLToPath("],
};

const momentToDayjs: LeftoverScenario = {
  id: 'moment-to-dayjs',
  construct: 'a moment mutated in place (`day.add(1, "day");` as a statement: dayjs returns a new value)',
  packageJson: { type: 'module', scripts: VITEST_SCRIPTS, dependencies: { moment: '^2.30.1' }, devDependencies: { vitest: '^4.0.0', typescript: '^5.8.0' } },
  files: {
    'tsconfig.json': bundlerTsconfig([]),
    'src/dates.ts': lines(
      "import moment from 'moment';",
      '',
      'export function label(iso: string): string {',
      "  return moment.utc(iso).format('YYYY-MM-DD');",
      '}',
      '',
      'export function nextDay(iso: string): string {',
      '  const day = moment.utc(iso);',
      "  day.add(1, 'day');",
      "  return day.format('YYYY-MM-DD');",
      '}',
    ),
    'test/dates.test.ts': lines(
      "import { expect, it } from 'vitest';",
      "import { label, nextDay } from '../src/dates';",
      '',
      "it('labels a date', () => {",
      "  expect(label('2024-01-31T10:00:00Z')).toBe('2024-01-31');",
      '});',
      '',
      "it('moves to the next day across a month end', () => {",
      "  expect(nextDay('2024-01-31T10:00:00Z')).toBe('2024-02-01');",
      '});',
    ),
  },
  site: { file: 'src/dates.ts', line: 9, reason: /mutat/i },
  finish: [
    edit('src/dates.ts', "  const day = dayjs.utc(iso);\n  day.add(1, 'day');", "  const day = dayjs.utc(iso).add(1, 'day');"),
  ],
  diffHas: ["+  const day = dayjs.utc(iso).add(1, 'day');", '+dayjs.extend(utc);'],
};

const commonjsToEsm: LeftoverScenario = {
  id: 'commonjs-to-esm',
  construct: 'a require() with a computed path inside a function',
  packageJson: {
    type: 'commonjs',
    scripts: { typecheck: 'tsc --noEmit -p tsconfig.json', test: 'node --import tsx --test test/plugins.test.ts' },
    devDependencies: { '@types/node': '^20.19.0', tsx: '^4.20.0', typescript: '^5.8.0' },
  },
  files: {
    'tsconfig.json': json({
      compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, esModuleInterop: true, skipLibCheck: true, types: ['node'], noEmit: true },
      include: ['src', 'test'],
    }),
    'src/plugins/greet.ts': lines('export function run(name: string): string {', '  return `hello ${name}`;', '}'),
    'src/plugins/shout.ts': lines('export function run(name: string): string {', '  return `${name.toUpperCase()}!`;', '}'),
    'src/plugins.ts': lines(
      "const { basename } = require('path');",
      '',
      'export function runPlugin(file: string, name: string): string {',
      '  const plugin: { run(name: string): string } = require(`./plugins/${basename(file)}`);',
      '  return plugin.run(name);',
      '}',
    ),
    'test/plugins.test.ts': lines(
      "import { test } from 'node:test';",
      "import assert from 'node:assert';",
      "import { runPlugin } from '../src/plugins';",
      '',
      "test('runs a plugin by file name', () => {",
      "  assert.strictEqual(runPlugin('lib/greet', 'ada'), 'hello ada');",
      "  assert.strictEqual(runPlugin('shout', 'ada'), 'ADA!');",
      '});',
    ),
  },
  site: { file: 'src/plugins.ts', line: 4, reason: /require/ },
  finish: [
    edit('src/plugins.ts', "import { basename } from 'path';\n", "import { basename } from 'path';\nimport * as greet from './plugins/greet';\nimport * as shout from './plugins/shout';\n\nconst PLUGINS: Record<string, { run(name: string): string }> = { greet, shout };\n"),
    edit('src/plugins.ts', '  const plugin: { run(name: string): string } = require(`./plugins/${basename(file)}`);', '  const plugin = PLUGINS[basename(file)];\n  if (!plugin) throw new Error(`no plugin ${file}`);'),
  ],
  diffHas: ["+import { basename } from 'path';", '+  const plugin = PLUGINS[basename(file)];'],
};

const jestToVitest: LeftoverScenario = {
  id: 'jest-to-vitest',
  construct: '`jest.retryTimes(2)` (Vitest sets retries per test or in the config, not at run time)',
  packageJson: { type: 'commonjs', scripts: { test: 'jest' }, devDependencies: { jest: '^29.7.0' } },
  files: {
    'tsconfig.json': null,
    'src/sum.js': lines('function sum(a, b) {', '  return a + b;', '}', '', 'module.exports = { sum };'),
    'test/sum.test.js': lines(
      "const { sum } = require('../src/sum');",
      '',
      "describe('sum', () => {",
      '  jest.retryTimes(2);',
      '',
      "  it('adds', () => {",
      '    expect(sum(1, 2)).toBe(3);',
      '  });',
      '',
      "  it('adds negatives', () => {",
      '    expect(sum(-1, -2)).toBe(-3);',
      '  });',
      '});',
    ),
  },
  site: { file: 'test/sum.test.js', line: 5, reason: /retr/ },
  finish: [
    edit('test/sum.test.js', "describe('sum', () => {\n  jest.retryTimes(2);\n", "describe('sum', { retry: 2 }, () => {"),
  ],
  diffHas: ["+describe('sum', { retry: 2 }, () => {", "+import { describe, expect, it } from 'vitest';"],
};

const enzymeToRtl: LeftoverScenario = {
  id: 'enzyme-to-rtl',
  construct: "a class component's state read through the wrapper (`wrapper.state('open')`)",
  packageJson: {
    type: 'module',
    scripts: VITEST_SCRIPTS,
    peerDependencies: { react: '^18.3.1' },
    devDependencies: {
      '@cfaester/enzyme-adapter-react-18': '^0.8.0',
      '@types/enzyme': '^3.10.18',
      '@types/react': '^18.3.3',
      enzyme: '^3.11.0',
      jsdom: '^20.0.0',
      react: '^18.3.1',
      'react-dom': '^18.3.1',
      typescript: '^5.8.0',
      vitest: '^4.0.0',
    },
  },
  files: {
    'tsconfig.json': bundlerTsconfig([]),
    'vitest.config.ts': lines(
      "import { defineConfig } from 'vitest/config';",
      '',
      "export default defineConfig({ test: { environment: 'jsdom', setupFiles: ['./test/setupTests.ts'] } });",
    ),
    'test/setupTests.ts': lines(
      "import Enzyme from 'enzyme';",
      "import Adapter from '@cfaester/enzyme-adapter-react-18';",
      '',
      'Enzyme.configure({ adapter: new Adapter() });',
    ),
    'src/Toggle.tsx': lines(
      "import { Component } from 'react';",
      '',
      'export class Toggle extends Component<{ label: string }, { open: boolean }> {',
      '  state = { open: false };',
      '',
      '  render() {',
      '    return (',
      '      <button type="button" onClick={() => this.setState({ open: !this.state.open })}>',
      "        {this.props.label}: {this.state.open ? 'on' : 'off'}",
      '      </button>',
      '    );',
      '  }',
      '}',
    ),
    'src/Toggle.test.tsx': lines(
      "import { mount } from 'enzyme';",
      "import { describe, expect, it } from 'vitest';",
      "import { Toggle } from './Toggle';",
      '',
      "describe('Toggle', () => {",
      "  it('opens on click', () => {",
      '    const wrapper = mount(<Toggle label="Sound" />);',
      "    wrapper.find('button').simulate('click');",
      "    expect(wrapper.state('open')).toBe(true);",
      "    expect(wrapper.text()).toBe('Sound: on');",
      '  });',
      '});',
    ),
  },
  site: { file: 'src/Toggle.test.tsx', line: 10, reason: /wrapper\.state\('open'\)/ },
  finish: [
    edit('src/Toggle.test.tsx', '    const wrapper = render(<Toggle label="Sound" />);\n    const { container } = wrapper;', '    const { container } = render(<Toggle label="Sound" />);'),
    edit('src/Toggle.test.tsx', "    expect(wrapper.state('open')).toBe(true);", "    expect(screen.getByRole('button').textContent).toContain('on');"),
    // The Enzyme adapter setup becomes Testing Library's cleanup (Vitest has no globals here).
    { name: 'read_file', arguments: { path: 'test/setupTests.ts', startLine: null, endLine: null } },
    {
      name: 'create_file',
      arguments: {
        path: 'test/setupTests.ts',
        content: lines("import { cleanup } from '@testing-library/react';", "import { afterEach } from 'vitest';", '', 'afterEach(() => {', '  cleanup();', '});'),
      },
    },
  ],
  diffHas: ["+import { fireEvent, render, screen } from '@testing-library/react';", "+    expect(screen.getByRole('button').textContent).toContain('on');", '+  cleanup();'],
};

export const SCENARIOS: LeftoverScenario[] = [nodeProtocolImports, momentToDayjs, commonjsToEsm, jestToVitest, enzymeToRtl];
