import { defineMigration } from '../../src/catalog/define.js';
import codemod from './codemod.js';

export default defineMigration({
  id: 'moment-to-dayjs',
  title: 'Replace moment with dayjs',
  description:
    'Replaces moment with dayjs: parsing, formatting, manipulation, comparison and durations, with the needed dayjs plugins registered once in a setup module; Moment types become Dayjs.',
  appliesTo: {
    dependencies: { moment: '>=2.0.0' },
    imports: ['moment'],
    async check(repo) {
      const files = await repo.listFiles('**/*.{ts,tsx,mts,cts,js,jsx}');
      for (const file of files) {
        if (/['"]moment-timezone['"]/.test(await repo.readFile(file))) {
          return { applies: false, reason: `${file} uses moment-timezone; migrate time zones first (dayjs timezone plugin)` };
        }
      }
      return { applies: true, reason: 'moment is imported and no file uses moment-timezone' };
    },
  },
  target: { modules: ['moment'], names: [] },
  codemod,
  // inline | setup-module | auto (the repository's most common convention, else a setup module); README "House style".
  options: { pluginRegistration: 'auto' },
  prompt: 'prompt.md',
  scope: { include: ['**/*'], exclude: ['**/node_modules/**', 'dist/**'], maxChangedFiles: 200, maxChangedLines: 5000 },
  packages: { add: { dayjs: '^1.11.13' }, addDev: {}, remove: ['moment', '@types/moment'], upgrade: {} },
  verify: { typecheck: true, lint: true, test: true, requireGreenBaseline: true },
  pr: {
    title: 'Replace moment with dayjs',
    body: 'This PR replaces moment with dayjs in {{repo}} ({{migration}}); dayjs plugins are registered once in a setup module.',
    labels: ['godwit', 'dependencies'],
    draft: 'never',
  },
});
