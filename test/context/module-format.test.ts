/**
 * The in-loop checks see each file's module format as real `tsc` does (package.json "type",
 * .mts/.cts): the agent's quick check (incrementalTypecheck on the workspace Project) and the
 * codemod's per-file check report exactly what `tsc --noEmit` reports on the same tree, e.g.
 * no TS1470 for `import.meta` in the vitest.config.ts of a "type": "module" package under
 * NodeNext, but TS1470 in a .cts file and in a folder whose package.json says "commonjs".
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorkspaceProject } from '../../src/context/index.js';
import { checkFileChange } from '../../src/pipeline/file-check.js';
import { incrementalTypecheck } from '../../src/verify/fast/index.js';
import { writeRepo } from './fixture.js';

const TSC = path.resolve('node_modules/typescript/bin/tsc');
const META = 'export const meta = import.meta;\n';
const AWAIT = 'export const one = await Promise.resolve(1);\n';

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'esm-app', private: true, type: 'module' }),
  'tsconfig.json': JSON.stringify({
    compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', noEmit: true, types: [] },
    include: ['**/*'],
  }),
  'vitest.config.ts': META + AWAIT,
  'src/esm.mts': META,
  'src/legacy.cts': META,
  'legacy/package.json': JSON.stringify({ type: 'commonjs' }),
  'legacy/old.ts': META + AWAIT,
};

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** `file:line TSxxxx` of every error `tsc --noEmit` reports. */
async function tscErrors(dir: string): Promise<string[]> {
  const { stdout } = await execa('node', [TSC, '--noEmit', '--pretty', 'false', '-p', dir], { cwd: dir, reject: false }); // tsc names files relative to its cwd
  return [...stdout.matchAll(/^(.+?)\((\d+),\d+\): error (TS\d+):/gm)].map((m) => `${path.relative(dir, path.resolve(dir, m[1]!))}:${m[2]} ${m[3]}`).sort();
}

describe('module format in the in-loop checks', () => {
  it('the agent quick check reports what real tsc reports under NodeNext + "type": "module"', async () => {
    const dir = writeRepo(FILES, 'godwit-format-');
    dirs.push(dir);
    const expected = await tscErrors(dir);
    // The fixture is meaningful: tsc accepts the ESM files and rejects the CommonJS ones.
    expect(expected).toEqual(['legacy/old.ts:1 TS1470', 'legacy/old.ts:2 TS1309', 'src/legacy.cts:1 TS1470']);

    const project = createWorkspaceProject(dir);
    const quick = incrementalTypecheck(project, dir, ['vitest.config.ts', 'src/esm.mts', 'src/legacy.cts', 'legacy/old.ts']);
    expect(quick.result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line} ${d.code}`).sort()).toEqual(expected);

    // Still right for a file parsed again after an edit (ts-morph re-creates its source file).
    const config = project.getSourceFileOrThrow(path.join(dir, 'vitest.config.ts'));
    config.replaceWithText(`${META}export const two = await Promise.resolve(2);\n`);
    await config.save();
    expect(incrementalTypecheck(project, dir, ['vitest.config.ts']).result.diagnostics).toEqual([]);
  });

  it("the codemod's per-file check does not call an ESM file's import.meta a new diagnostic, and still does for a CommonJS one", () => {
    const dir = writeRepo(FILES, 'godwit-format-');
    dirs.push(dir);
    const options = createWorkspaceProject(dir).getCompilerOptions();
    expect(checkFileChange(path.join(dir, 'vitest.config.ts'), 'export {};\n', META, options).problems).toEqual([]);
    expect(checkFileChange(path.join(dir, 'legacy/old.ts'), 'export {};\n', META, options).problems).toEqual([
      "1:21 TS1470: The 'import.meta' meta-property is not allowed in files which will build into CommonJS output.",
    ]);
  });
});
