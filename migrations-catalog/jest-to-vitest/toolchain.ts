/**
 * Which Vitest major fits the repository: the newest one whose Node range covers the
 * repository's engines.node, whose type declarations its TypeScript compiles, and whose Vite
 * accepts its @types/node as a peer (an old pinned @types/node makes `npm install` fail
 * with ERESOLVE otherwise). None fits → not-applicable, naming the versions it would need.
 */
import semver from 'semver';
import { describeToolchain, type Toolchain } from '../../src/catalog/toolchain.js';

export interface VitestChoice {
  range: string;
  major: string;
  /** Vitest ≥ 1 wants `--no-file-parallelism` for Jest's --runInBand; 0.34 `--threads=false`. */
  serialFlag: string;
}

interface Candidate extends VitestChoice {
  node: string;
  typescript: string;
  typesNode: string;
}

// Newest first. Node ranges from each major's engines; TypeScript and @types/node floors from its Vite's declarations and peers.
const CANDIDATES: ReadonlyArray<Candidate> = [
  { major: '4', range: '^4.0.0', node: '>=20.0.0', typescript: '>=5.4.0', typesNode: '>=20.19.0', serialFlag: '--no-file-parallelism' },
  { major: '3', range: '^3.2.0', node: '>=18.0.0', typescript: '>=5.0.0', typesNode: '>=18.0.0', serialFlag: '--no-file-parallelism' },
  { major: '2', range: '^2.1.0', node: '>=18.0.0', typescript: '>=4.7.0', typesNode: '>=18.0.0', serialFlag: '--no-file-parallelism' },
  { major: '0.34', range: '^0.34.6', node: '>=14.18.0', typescript: '>=4.7.0', typesNode: '>=14.0.0', serialFlag: '--threads=false' },
];

function fits(version: string | undefined, range: string): boolean {
  return version === undefined || semver.satisfies(version, range, { includePrerelease: true });
}

/**
 * Without skipLibCheck the repository's typecheck compiles Vitest's and Vite's declarations too.
 * They use globals (WebSocket, Worker, EventTarget, Symbol.asyncDispose) that an @types/node
 * older than 18 does not declare, so no Vitest major typechecks there (seen with 0.34 → Vite 5).
 */
function declarationsProblem(t: Toolchain): string | undefined {
  if (t.skipLibCheck !== false || t.typescript === undefined || t.typesNode === undefined) return undefined;
  if (!semver.valid(t.typesNode) || semver.gte(t.typesNode, '18.0.0')) return undefined;
  return (
    `Vitest's type declarations do not compile in this repository: tsconfig.json checks library declarations (no skipLibCheck) ` +
    `and @types/node ${t.typesNode} lacks globals they use (WebSocket, Worker, EventTarget, Symbol.asyncDispose)${t.lib ? ` (lib: ${t.lib.join(', ')})` : ''}; ` +
    `it would need skipLibCheck, or @types/node >=18 with the DOM lib`
  );
}

export function chooseVitest(t: Toolchain): { choice: VitestChoice; reason: string } | { choice: undefined; reason: string } {
  const problem = declarationsProblem(t);
  if (problem) return { choice: undefined, reason: problem };
  // Without engines.node, the Node that runs godwit is what the repository gets tested on.
  const node = t.nodeMin ?? process.versions.node;
  for (const c of CANDIDATES) {
    if (fits(node, c.node) && fits(t.typescript, c.typescript) && fits(t.typesNode, c.typesNode)) {
      return { choice: { major: c.major, range: c.range, serialFlag: c.serialFlag }, reason: `Vitest ${c.major} fits ${describeToolchain(t) || 'the repository'}` };
    }
  }
  const oldest = CANDIDATES[CANDIDATES.length - 1]!;
  const needs = [
    !fits(node, oldest.node) && `Node ${oldest.node} (engines.node allows ${node})`,
    !fits(t.typescript, oldest.typescript) && `TypeScript ${oldest.typescript} (the repository has ${t.typescript})`,
    !fits(t.typesNode, oldest.typesNode) && `@types/node ${oldest.typesNode} (the repository has ${t.typesNode})`,
  ].filter(Boolean);
  return { choice: undefined, reason: `no Vitest major supports this toolchain: it would need ${needs.join(' and ')}` };
}
