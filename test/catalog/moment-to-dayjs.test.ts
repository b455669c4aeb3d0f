import { describe, expect, it } from 'vitest';
import { setupModuleText } from '../../migrations-catalog/moment-to-dayjs/codemod.js';
import { formatPlugins } from '../../migrations-catalog/moment-to-dayjs/plugins.js';
import { evalCatalogMigration } from './migration-evals.js';

describe('moment-to-dayjs', () => {
  it('passes every deterministic eval case', async () => {
    const report = await evalCatalogMigration('moment-to-dayjs');
    expect(report.passed).toBeGreaterThanOrEqual(13);
  }, 600_000);

  it('finds the plugins a format string needs, ignoring escaped text', () => {
    expect(formatPlugins('YYYY-MM-DD HH:mm')).toEqual([]);
    expect(formatPlugins('LL')).toEqual(['localizedFormat']);
    expect(formatPlugins('Do MMMM')).toEqual(['advancedFormat']);
    expect(formatPlugins('[Quarter] YYYY')).toEqual([]);
  });

  it('registers each plugin exactly once in the setup module', () => {
    const text = setupModuleText(['duration', 'utc'], ['fr']);
    expect(text.match(/dayjs\.extend\(utc\)/g)).toHaveLength(1);
    expect(text).toContain("import 'dayjs/locale/fr';");
    expect(text.trimEnd().endsWith('export default dayjs;')).toBe(true);
  });
});
