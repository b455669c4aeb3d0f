/**
 * Jest snapshot files → Vitest's: the header line, and the keys of tests inside `describe`
 * blocks (Jest joins the names with a space, `outer inner test 1`; Vitest with ` > `,
 * `outer > inner > test 1`; a hint is `name: hint 1` in Jest and `name > hint 1` in Vitest). The names come from the test file's literal titles; a key the
 * codemod cannot map (titles built at run time, `.each` placeholders) is left as it is and
 * reported.
 */
import { Node, SyntaxKind, type SourceFile } from 'ts-morph';
import { lineColumnAt, type FileLeftover } from '../../src/catalog/leftovers.js';

export const JEST_HEADER = '// Jest Snapshot v1, https://goo.gl/fbAQLP';
export const VITEST_HEADER = '// Vitest Snapshot v1, https://vitest.dev/guide/snapshot.html';

const BLOCK = /^(describe|fdescribe|xdescribe)(\.(only|skip))?$/;
const TEST = /^(it|test|fit|xit|xtest)(\.(only|skip|concurrent|failing))*$/;

function title(call: Node): string | undefined {
  if (!Node.isCallExpression(call)) return undefined;
  const t = call.getArguments()[0];
  return t && (Node.isStringLiteral(t) || Node.isNoSubstitutionTemplateLiteral(t)) ? t.getLiteralValue() : undefined;
}

/** Full names of the tests in a file, as [describe…, test] paths (undefined part: not literal). */
export function testPaths(sf: SourceFile): Array<Array<string | undefined>> {
  const paths: Array<Array<string | undefined>> = [];
  for (const call of sf.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    if (!TEST.test(call.getExpression().getText())) continue;
    const path = [title(call)];
    for (let a = call.getParent(); a; a = a.getParent()) {
      if (Node.isCallExpression(a) && BLOCK.test(a.getExpression().getText())) path.unshift(title(a));
    }
    paths.push(path);
  }
  return paths;
}

/** How a name appears inside a snapshot key (the template literal escapes of jest/vitest). */
const escapeKey = (s: string): string => s.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');

export interface SnapshotRewrite {
  text: string;
  /** Keys left as they are (line/column in the new text: the rewrite changes no line breaks). */
  leftovers: FileLeftover[];
}

/** Rewrites a .snap file's header and keys for the tests of `sf`. */
export function rewriteSnapshotFile(snap: string, sf: SourceFile): SnapshotRewrite {
  const renames = new Map<string, string>();
  const ambiguous = new Set<string>();
  for (const p of testPaths(sf)) {
    if (p.some((x) => x === undefined)) continue;
    const names = p as string[];
    const jest = escapeKey(names.join(' '));
    const vitest = escapeKey(names.join(' > '));
    if (renames.has(jest) && renames.get(jest) !== vitest) ambiguous.add(jest);
    renames.set(jest, vitest);
  }
  const byLength = [...renames.keys()].sort((a, b) => b.length - a.length);
  const leftovers: FileLeftover[] = [];
  const text = snap.startsWith(JEST_HEADER) ? VITEST_HEADER + snap.slice(JEST_HEADER.length) : snap;
  const out = text.replace(/^exports\[`((?:[^`\\]|\\.)*)`\]/gm, (whole, key: string, offset: number) => {
    // `<name> <n>` or `<name>: <hint> <n>`
    const count = / \d+$/.exec(key);
    const base = count ? key.slice(0, count.index) : key;
    const name = renames.has(base) ? base : byLength.find((n) => base.startsWith(`${n}: `));
    if (!count || name === undefined || ambiguous.has(name)) {
      leftovers.push({ ...lineColumnAt(text, offset), reason: `snapshot key \`${key}\` matches no literal test name; Vitest names it with " > " between describe blocks` });
      return whole;
    }
    // a hint (`toMatchSnapshot('hint')`): Jest writes `name: hint`, Vitest `name > hint`
    const hint = base.length > name.length ? ` > ${base.slice(name.length + 2)}` : '';
    return `exports[\`${renames.get(name)}${hint}${count[0]}\`]`;
  });
  return { text: out, leftovers };
}
