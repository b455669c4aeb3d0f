import { describe, expect, it } from 'vitest';
import { rewriteScript } from '../../migrations-catalog/jest-to-vitest/scripts.js';
import { chooseVitest } from '../../migrations-catalog/jest-to-vitest/toolchain.js';
import { toVitestConfig } from '../../migrations-catalog/jest-to-vitest/vitest-config.js';
import type { Toolchain } from '../../src/catalog/toolchain.js';
import { evalCatalogMigration } from './migration-evals.js';

describe('jest-to-vitest', () => {
  it('passes every deterministic eval case', async () => {
    const report = await evalCatalogMigration('jest-to-vitest');
    expect(report.passed).toBeGreaterThanOrEqual(15);
  }, 600_000);

  it('rewrites jest scripts, keeping what follows', () => {
    expect(rewriteScript('jest')).toBe('vitest run');
    expect(rewriteScript('jest --watch')).toBe('vitest');
    expect(rewriteScript('tsc && jest --ci --coverage')).toBe('tsc && vitest run --coverage');
    expect(rewriteScript('npx jest -i src && echo done')).toBe('vitest run --no-file-parallelism src && echo done');
    expect(rewriteScript('eslint . --rule jest/no-focused-tests')).toBe('eslint . --rule jest/no-focused-tests');
  });

  it('rewrites Jest flags to their Vitest equivalents, values included', () => {
    expect(rewriteScript('jest --env node --runInBand --coverage --config jest.unit.config.js')).toBe('vitest run --environment=node --no-file-parallelism --coverage');
    expect(rewriteScript('jest --env=jsdom -i --testPathPattern src/api -t "adds"', { serialFlag: '--threads=false' })).toBe('vitest run --environment=jsdom --threads=false src/api --testNamePattern="adds"');
    expect(rewriteScript('NODE_OPTIONS=--experimental-vm-modules jest --ci')).toBe('vitest run');
    expect(rewriteScript('TZ=UTC jest --watchAll')).toBe('TZ=UTC vitest');
  });

  it('picks the Vitest major the toolchain supports, or says which versions it would need', () => {
    const base: Toolchain = { typescript: '5.6.3', nodeEngines: '>=20', nodeMin: '20.0.0', typesNode: '22.0.0', typesNodeRange: '^22', module: 'nodenext', moduleResolution: 'nodenext', packageType: 'module', testRunner: 'jest' };
    expect(chooseVitest(base).choice?.major).toBe('4');
    expect(chooseVitest({ ...base, typescript: '5.0.4', moduleResolution: 'node10' }).choice?.major).toBe('3');
    expect(chooseVitest({ ...base, nodeEngines: '>=18', nodeMin: '18.0.0' }).choice?.major).toBe('3');
    expect(chooseVitest({ ...base, typesNode: '14.18.63' }).choice?.major).toBe('0.34');
    const none = chooseVitest({ ...base, typescript: '4.3.5', nodeMin: '12.0.0' });
    expect(none.choice).toBeUndefined();
    expect(none.reason).toBe('no Vitest major supports this toolchain: it would need Node >=14.18.0 (engines.node allows 12.0.0) and TypeScript >=4.7.0 (the repository has 4.3.5)');
    // Without skipLibCheck, the typecheck compiles Vitest's declarations: @types/node 14 lacks their globals.
    const old = { ...base, typescript: '5.0.4', typesNode: '14.18.63', skipLibCheck: false, lib: ['es2019'] };
    expect(chooseVitest(old).choice).toBeUndefined();
    expect(chooseVitest(old).reason).toMatch(/no skipLibCheck\) and @types\/node 14\.18\.63 lacks.*\(lib: es2019\)/);
    expect(chooseVitest({ ...old, skipLibCheck: true }).choice?.major).toBe('0.34');
  });

  it('reports jest options with no vitest equivalent instead of dropping them silently', () => {
    const out = toVitestConfig({ source: 'jest.config.js', values: { moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' }, testEnvironment: 'jsdom' }, dynamic: ['coverageThreshold'] });
    expect(out.unhandled.sort()).toEqual(['coverageThreshold', 'moduleNameMapper']);
    expect(out.needsJsdom).toBe(true);
    expect(out.text).toContain("environment: 'jsdom'");
  });
});
