import { describe, expect, it } from 'vitest';
import { rewriteScript, toVitestConfig } from '../../migrations-catalog/jest-to-vitest/vitest-config.js';
import { evalCatalogMigration } from './migration-evals.js';

describe('jest-to-vitest', () => {
  it('passes every deterministic eval case', async () => {
    const report = await evalCatalogMigration('jest-to-vitest');
    expect(report.passed).toBeGreaterThanOrEqual(15);
  });

  it('rewrites jest scripts, keeping what follows', () => {
    expect(rewriteScript('jest')).toBe('vitest run');
    expect(rewriteScript('jest --watch')).toBe('vitest');
    expect(rewriteScript('tsc && jest --ci --coverage')).toBe('tsc && vitest run --coverage');
    expect(rewriteScript('npx jest -i src && echo done')).toBe('vitest run src && echo done');
    expect(rewriteScript('eslint . --rule jest/no-focused-tests')).toBe('eslint . --rule jest/no-focused-tests');
  });

  it('reports jest options with no vitest equivalent instead of dropping them silently', () => {
    const out = toVitestConfig({ source: 'jest.config.js', values: { moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' }, testEnvironment: 'jsdom' }, dynamic: ['coverageThreshold'] });
    expect(out.unhandled.sort()).toEqual(['coverageThreshold', 'moduleNameMapper']);
    expect(out.needsJsdom).toBe(true);
    expect(out.text).toContain("environment: 'jsdom'");
  });
});
