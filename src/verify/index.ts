/** Public API of src/verify. */
export { detectVerifiers, findBin, type Verifier, type VerifierTool, type VerifyFlags } from './detect.js';
export { verifierOverridesSchema, parseVerifierFlag, type VerifierOverride, type VerifierOverrides } from './overrides.js';
export { runVerifier, runVerifiers, type RunVerifiersOptions } from './run-verifiers.js';
export { compareWithBaseline, diagnosticKey, gateVerdict, redBaseline, type GateVerdict } from './compare.js';
export { parseTscOutput } from './parsers/tsc.js';
export { parseEslintOutput } from './parsers/eslint.js';
export { parseVitestOutput } from './parsers/vitest.js';
export { parseJestOutput } from './parsers/jest.js';
export { redetectVerifiers } from './detect.js';
export { judgingResults } from './compare.js';
export { pinScriptCommands } from './base-commands.js';
export {
  compareTestCases,
  withoutCases,
  type TestCase,
  type TestCaseStatus,
  type TestComparison,
  type TestRename,
  type VerifierRun,
} from './test-cases.js';
export { runGuards, readGuardBaseAhead, GUARDS, type Guard, type GuardInput } from './guards/index.js';
export { fastVerify, formatFeedback } from './fast/index.js';
