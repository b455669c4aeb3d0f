/**
 * Turns a Jest configuration into a vitest.config.ts, and Jest scripts in package.json into
 * Vitest ones. Options with no deterministic equivalent are reported for the agent.
 */
import type { JestConfig } from './jest-config.js';

/** Jest options that have no meaning under Vitest (the transform is built in). */
const DROPPED = new Set(['preset', 'transform', 'verbose', 'testEnvironmentOptions', 'moduleFileExtensions', 'roots', 'testPathIgnorePatterns', 'rootDir', 'bail', 'collectCoverage']);

const rootRel = (p: string): string => {
  const rel = p.replace(/^<rootDir>\/?/, '');
  return rel.startsWith('.') || rel.startsWith('/') ? rel : `./${rel}`;
};
const strip = (p: string): string => p.replace(/^<rootDir>\/?/, '');

export interface VitestConfig {
  text: string;
  /** Jest keys left for the agent. */
  unhandled: string[];
  /** jsdom must be installed (environment: 'jsdom'). */
  needsJsdom: boolean;
}

function print(value: unknown, indent: string): string {
  if (Array.isArray(value)) return `[${value.map((v) => print(v, indent)).join(', ')}]`;
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (value && typeof value === 'object') {
    if (Object.keys(value).length === 0) return '{}';
    const inner = `${indent}  `;
    const entries = Object.entries(value).map(([k, v]) => `${inner}${/^[A-Za-z_$][\w$]*$/.test(k) ? k : `'${k}'`}: ${print(v, inner)},`);
    return `{\n${entries.join('\n')}\n${indent}}`;
  }
  return String(value);
}

export function toVitestConfig(jest: JestConfig | undefined): VitestConfig {
  const test: Record<string, unknown> = {};
  const unhandled: string[] = [...(jest?.dynamic ?? [])];
  const v = jest?.values ?? {};
  let needsJsdom = false;
  const setupFiles: string[] = [];
  for (const [key, value] of Object.entries(v)) {
    switch (key) {
      case 'testEnvironment':
        if (value === 'jsdom' || value === 'jest-environment-jsdom') {
          test.environment = 'jsdom';
          needsJsdom = true;
        } else if (value !== 'node') unhandled.push(key);
        break;
      case 'setupFiles':
      case 'setupFilesAfterEnv':
        if (Array.isArray(value)) setupFiles.push(...value.map((p) => rootRel(String(p))));
        break;
      case 'testMatch':
        if (Array.isArray(value)) test.include = value.map((p) => strip(String(p)));
        break;
      case 'testTimeout':
        test.testTimeout = value;
        break;
      case 'clearMocks':
      case 'restoreMocks':
        test[key] = value;
        break;
      case 'resetMocks':
        test.mockReset = value;
        break;
      default:
        if (!DROPPED.has(key)) unhandled.push(key);
    }
  }
  if (setupFiles.length) test.setupFiles = setupFiles;
  const ordered = Object.fromEntries(
    ['environment', 'include', 'setupFiles', 'testTimeout', 'clearMocks', 'mockReset', 'restoreMocks'].filter((k) => k in test).map((k) => [k, test[k]]),
  );
  const text = `import { defineConfig } from 'vitest/config';\n\nexport default defineConfig({\n  test: ${print(ordered, '  ')},\n});\n`;
  return { text, unhandled, needsJsdom };
}
