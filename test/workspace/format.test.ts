/**
 * Changed files in the repository's own style: its Prettier (run as a subprocess from the
 * clone's node_modules) when the original was Prettier-clean, else the file's own quotes and
 * semicolons on the added lines. Untouched lines never change.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatChangedFiles } from '../../src/workspace/format/index.js';
import { keepStyle } from '../../src/workspace/format/keep-style.js';
import { createTestEnv, git, GODWIT_ROOT, type TestEnv } from '../support/fixture-repo.js';

let env: TestEnv;
beforeAll(() => {
  env = createTestEnv();
});
afterAll(() => env.cleanup());

function repo(name: string, files: Record<string, string>, withPrettier: boolean): string {
  const dir = path.join(env.root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, '.gitignore'), 'node_modules\n');
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  if (withPrettier) symlinkSync(path.join(GODWIT_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  git(dir, 'init', '--quiet', '--initial-branch=main');
  git(dir, 'add', '--all');
  git(dir, 'commit', '--quiet', '-m', 'initial');
  return dir;
}

describe('keepStyle', () => {
  it('gives added import lines the file quote and semicolon habits, and leaves other lines alone', () => {
    const original = 'import { sum } from "./sum"\nconst odd = \'keep\'\n\ntest("adds", () => {})\n';
    const current = "import { describe, it } from 'vitest';\nimport { sum } from \"./sum\"\nconst odd = 'keep'\n\ntest(\"adds\", () => {})\n";
    expect(keepStyle(original, current)).toBe('import { describe, it } from "vitest"\nimport { sum } from "./sum"\nconst odd = \'keep\'\n\ntest("adds", () => {})\n');
  });
});

describe('formatChangedFiles', () => {
  it("formats changed files with the repository's Prettier when the original was clean", async () => {
    const dir = repo('prettier', {
      '.prettierrc.json': JSON.stringify({ singleQuote: false, semi: true }),
      'package.json': JSON.stringify({ name: 'p', devDependencies: { prettier: '^3' } }),
      'src/a.test.ts': 'import { sum } from "./sum";\n\ntest("adds", () => {\n  expect(sum(1, 2)).toBe(3);\n});\n',
      'src/untidy.ts': "const   x = 'single'\nexport default x\n",
    }, true);
    writeFileSync(path.join(dir, 'src/a.test.ts'), "import { expect, test } from 'vitest';\nimport { sum } from \"./sum\";\n\ntest(\"adds\", () => {\n  expect(sum(1, 2)).toBe(3);\n});\n");
    writeFileSync(path.join(dir, 'src/untidy.ts'), "import { vi } from 'vitest';\nconst   x = 'single'\nexport default x\n");
    const result = await formatChangedFiles(dir, 'HEAD', ['src/a.test.ts', 'src/untidy.ts'], { timeoutMs: 60_000 });
    expect(result.formatter).toMatch(/^prettier 3\./);
    expect(readFileSync(path.join(dir, 'src/a.test.ts'), 'utf8')).toBe('import { expect, test } from "vitest";\nimport { sum } from "./sum";\n\ntest("adds", () => {\n  expect(sum(1, 2)).toBe(3);\n});\n');
    // The original was not Prettier-clean: Prettier would reformat untouched lines, so only the added line is restyled.
    expect(readFileSync(path.join(dir, 'src/untidy.ts'), 'utf8')).toBe("import { vi } from 'vitest'\nconst   x = 'single'\nexport default x\n");
    expect(result.formatted).toEqual(['src/a.test.ts', 'src/untidy.ts']);
  }, 120_000);
});
