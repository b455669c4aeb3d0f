import { describe, expect, it } from 'vitest';
import { hasCommonJs } from '../../migrations-catalog/commonjs-to-esm/codemod.js';
import { evalCatalogMigration } from './migration-evals.js';

describe('commonjs-to-esm', () => {
  it('passes every deterministic eval case', async () => {
    const report = await evalCatalogMigration('commonjs-to-esm');
    expect(report.passed).toBeGreaterThanOrEqual(13);
  }, 600_000);

  it('recognises CommonJS syntax and nothing else', () => {
    expect(hasCommonJs("const a = require('a');")).toBe(true);
    expect(hasCommonJs('module.exports = 1;')).toBe(true);
    expect(hasCommonJs('exports.a = 1;')).toBe(true);
    expect(hasCommonJs("import fs = require('fs');")).toBe(true);
    expect(hasCommonJs("import fs from 'fs';\nexport const requirement = 1;")).toBe(false);
  });
});
