/**
 * The `jest` object member by member (Jest 29 "The Jest Object"), and what the codemod does with
 * each: the same name on `vi`, a renamed `vi` member, a rewrite done in rewrite-test-file.ts, or
 * left unchanged for the agent with the reason (README "Coverage").
 */

/** Members `vi` has under the same name with the same meaning. */
export const SAME_ON_VI: ReadonlySet<string> = new Set([
  'fn',
  'spyOn',
  'isMockFunction',
  'mocked',
  'mock',
  'unmock',
  'doMock',
  'clearAllMocks',
  'resetAllMocks',
  'restoreAllMocks',
  'resetModules',
  'useRealTimers',
  'runAllTicks',
  'runAllTimers',
  'runAllTimersAsync',
  'runOnlyPendingTimers',
  'runOnlyPendingTimersAsync',
  'advanceTimersByTime',
  'advanceTimersByTimeAsync',
  'advanceTimersToNextTimer',
  'advanceTimersToNextTimerAsync',
  'advanceTimersToNextFrame',
  'clearAllTimers',
  'getTimerCount',
  'setSystemTime',
  'getRealSystemTime',
]);

/** Members whose `vi` equivalent has another name. */
export const RENAMED_ON_VI: Readonly<Record<string, string>> = { dontMock: 'doUnmock' };

/**
 * Members rewritten by rewrite-test-file.ts: `requireActual`/`requireMock` (→ `await
 * vi.importActual/importMock`), `setTimeout` (→ `vi.setConfig({ testTimeout })`),
 * `useFakeTimers` (→ `vi.useFakeTimers()` unless it asks for legacy timers or Jest's options).
 */
export const REWRITTEN: ReadonlySet<string> = new Set(['requireActual', 'requireMock', 'setTimeout', 'useFakeTimers']);

/** Members with no exact `vi` equivalent: left unchanged, reported as a leftover site with this reason. */
export const LEFT_FOR_AGENT: Readonly<Record<string, string>> = {
  createMockFromModule: 'jest.createMockFromModule is synchronous; vitest has `await vi.importMock(path)`',
  genMockFromModule: 'jest.genMockFromModule is synchronous; vitest has `await vi.importMock(path)`',
  isolateModules: 'vitest has no jest.isolateModules (use vi.resetModules() and a dynamic import)',
  isolateModulesAsync: 'vitest has no jest.isolateModulesAsync (use vi.resetModules() and a dynamic import)',
  retryTimes: 'vitest sets retries per test or in the config (`{ retry: n }`), not at run time',
  setMock: 'jest.setMock is not hoisted and supplies an object; vitest needs vi.doMock(path, () => object) before a dynamic import',
  deepUnmock: 'vitest has no deepUnmock (vi.unmock only unmocks the module itself)',
  disableAutomock: 'vitest has no automocking switch',
  enableAutomock: 'vitest has no automocking switch',
  autoMockOff: 'vitest has no automocking switch',
  autoMockOn: 'vitest has no automocking switch',
  replaceProperty: 'vitest has no replaceProperty (vi.spyOn with a getter, or vi.stubGlobal/vi.stubEnv)',
  runAllImmediates: 'runAllImmediates exists only for Jest legacy fake timers',
  now: 'jest.now() reads the fake clock; vitest has no direct equivalent (Date.now() under fake timers)',
  getSeed: 'vitest exposes the seed only through its config (sequence.seed)',
  isEnvironmentTornDown: 'vitest has no isEnvironmentTornDown',
};
