import semver from 'semver';
import { defineMigration } from '../../src/catalog/define.js';
import codemod from './codemod.js';

export default defineMigration({
  id: 'enzyme-to-rtl',
  title: 'Move component tests from Enzyme to React Testing Library',
  description:
    'LLM-led: a codemod does the mechanical part (imports, mount/shallow → render, queries by role/test id, simulate → fireEvent); the agent rewrites the rest to test behaviour the way a user sees it.',
  appliesTo: {
    dependencies: { enzyme: '>=3.0.0' },
    imports: ['enzyme'],
    check(repo) {
      const pkg = repo.packageJson ?? {};
      const all = { ...(pkg.dependencies as Record<string, string>), ...(pkg.devDependencies as Record<string, string>), ...(pkg.peerDependencies as Record<string, string>) };
      const react = all.react;
      const min = react && semver.validRange(react) ? semver.minVersion(react) : null;
      if (!min) return { applies: false, reason: 'package.json does not declare a React version' };
      if (semver.lt(min, '18.0.0')) {
        return { applies: false, reason: `react@${react} allows React ${min.version}; @testing-library/react 16 needs React 18 — upgrade React first` };
      }
      return { applies: true, reason: `react@${react} works with @testing-library/react 16` };
    },
  },
  target: { modules: ['enzyme'], names: [] },
  codemod,
  prompt: 'prompt.md',
  scope: {
    include: ['**/*.{test,spec}.{ts,tsx,js,jsx}', '**/__tests__/**', '**/setupTests.{ts,js}', '**/*setup*.{ts,tsx,js}', 'package.json', 'package-lock.json'],
    exclude: ['**/node_modules/**'],
    // Moving the adapter setup to Testing Library's cleanup is the migration's job: the setup
    // files a test config loads are protected (tool-configs guard) unless declared here.
    allowProtected: ['**/setupTests.{ts,js}', '**/*setup*.{ts,tsx,js}'],
    maxChangedFiles: 100,
    maxChangedLines: 6000,
  },
  packages: {
    add: {},
    addDev: { '@testing-library/react': '^16.0.0', '@testing-library/dom': '^10.0.0' },
    remove: ['enzyme', '@types/enzyme', 'enzyme-adapter-react-16', 'enzyme-adapter-react-17', '@wojtekmaj/enzyme-adapter-react-17', '@cfaester/enzyme-adapter-react-18', 'enzyme-to-json'],
    upgrade: {},
  },
  verify: { typecheck: true, lint: true, test: true, requireGreenBaseline: true },
  agent: { maxIterations: 8, tokenBudget: 600_000, contextBudget: 16_000, judge: 'advise' },
  pr: {
    title: 'Move component tests from Enzyme to React Testing Library',
    body: 'This PR moves the component tests of {{repo}} from Enzyme to React Testing Library ({{migration}}). Tests now query the DOM the way users see it (roles, text, test ids).',
    labels: ['godwit', 'tests'],
    draft: 'on-failure',
  },
});
