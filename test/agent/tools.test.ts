import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Project } from 'ts-morph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSearchReplace } from '../../src/agent/edit-formats/search-replace.js';
import { checkPath } from '../../src/agent/safe-path.js';
import { applySearchReplace } from '../../src/agent/tools/apply-edit.js';
import { runTool, type ToolContext } from '../../src/agent/tools/index.js';
import { template } from './fixtures.js';

let tpl: ReturnType<typeof template>;
afterAll(() => tpl.cleanup());
beforeAll(() => {
  tpl = template();
});

function ctx(dir: string, scope = { include: ['src/**'], exclude: ['src/generated/**'] }, project?: Project): ToolContext {
  return { root: dir, scope, changed: new Set(), maxFileBytes: 1024, ...(project ? { project } : {}) };
}

describe('safe paths', () => {
  it('refuses absolute paths, .., .git, symlink escapes and out-of-scope writes', () => {
    const dir = tpl.copy();
    const outside = path.join(path.dirname(dir), 'outside');
    mkdirSync(outside);
    symlinkSync(outside, path.join(dir, 'src/link'));
    symlinkSync(path.join(outside, 'f.txt'), path.join(dir, 'src/file-link.ts'));
    const scope = { include: ['src/**'], exclude: [] };
    const reason = (p: string, write = true) => {
      const r = checkPath(dir, p, { write, scope });
      return r.ok ? 'ok' : r.reason;
    };
    expect(reason('/etc/passwd')).toMatch(/absolute/);
    expect(reason('C:\\Windows\\x')).toMatch(/absolute/);
    expect(reason('../outside.txt')).toMatch(/leaves the repository/);
    expect(reason('src/../../x')).toMatch(/leaves the repository/);
    expect(reason('.git/config')).toMatch(/\.git/);
    expect(reason('src/.GIT/hooks/pre-commit')).toMatch(/\.git/);
    expect(reason('src/link/evil.ts')).toMatch(/symlink/);
    expect(reason('src/file-link.ts')).toMatch(/symbolic link/);
    expect(reason('README.md')).toMatch(/outside this migration's scope/);
    expect(reason('README.md', false)).toBe('ok');
    expect(reason('./src//a.ts')).toBe('ok');
    expect(reason('src/node_modules/x.ts')).toMatch(/scope/);
  });
});

describe('tools', () => {
  it('edit_file: absent search → nearest candidates; ambiguous search → the matching lines; applied edit writes', async () => {
    const dir = tpl.copy();
    const c = ctx(dir);
    const absent = await runTool('edit_file', JSON.stringify({ path: 'src/a.ts', search: '  return a+b;', replace: 'x' }), c);
    expect(absent.kind).toBe('refused');
    expect(absent.output).toContain('search text not found');
    expect(absent.output).toContain('    2|   return a + b;');
    writeFileSync(path.join(dir, 'src/c.ts'), 'const x = 1;\nconst y = 2;\nconst x2 = 1;\n');
    const twice = await runTool('edit_file', JSON.stringify({ path: 'src/c.ts', search: '= 1;', replace: '= 3;' }), c);
    expect(twice.output).toMatch(/matches 2 places \(lines 1, 3\)/);
    const ok = await runTool('edit_file', JSON.stringify({ path: 'src/a.ts', search: 'a + b', replace: 'b + a' }), c);
    expect(ok).toMatchObject({ kind: 'applied', output: 'Edited src/a.ts at line 2.' });
    expect(readFileSync(path.join(dir, 'src/a.ts'), 'utf8')).toContain('return b + a;');
    expect([...c.changed]).toEqual(['src/a.ts']);
  });

  it('feeds back malformed JSON, schema violations and unknown tools', async () => {
    const c = ctx(tpl.copy());
    expect((await runTool('edit_file', '{"path":', c)).output).toMatch(/not valid JSON/);
    expect((await runTool('edit_file', JSON.stringify({ path: 'src/a.ts', search: 1 }), c)).output).toMatch(/invalid arguments for edit_file:\nsearch: .*\nreplace/);
    expect((await runTool('rm_rf', '{}', c)).output).toMatch(/unknown tool "rm_rf". Available tools: read_file, edit_file/);
    expect(c.changed.size).toBe(0);
  });

  it('create_file has a size cap and stays in scope; delete_file deletes; read_file numbers lines', async () => {
    const dir = tpl.copy();
    const c = ctx(dir);
    expect((await runTool('create_file', JSON.stringify({ path: 'src/big.ts', content: 'x'.repeat(2048) }), c)).output).toMatch(/limit is 1024/);
    expect(existsSync(path.join(dir, 'src/big.ts'))).toBe(false);
    expect((await runTool('create_file', JSON.stringify({ path: 'src/generated/x.ts', content: '' }), c)).kind).toBe('refused');
    expect((await runTool('create_file', JSON.stringify({ path: 'src/new/dir/x.ts', content: 'export {};\n' }), c)).kind).toBe('applied');
    expect((await runTool('delete_file', JSON.stringify({ path: 'src/b.ts' }), c)).kind).toBe('applied');
    expect(existsSync(path.join(dir, 'src/b.ts'))).toBe(false);
    const read = await runTool('read_file', JSON.stringify({ path: 'src/a.ts', startLine: 2, endLine: null }), c);
    expect(read.output).toBe('src/a.ts (lines 2-3 of 3)\n    2|   return a + b;\n    3| }');
    expect((await runTool('read_file', JSON.stringify({ path: 'tsconfig.json', startLine: null, endLine: null }), c)).kind).toBe('read');
    expect([...c.changed].sort()).toEqual(['src/b.ts', 'src/new/dir/x.ts']);
  });

  it('find_references lists uses across files through the ts-morph project', async () => {
    const dir = tpl.copy();
    const project = new Project({ tsConfigFilePath: path.join(dir, 'tsconfig.json') });
    const out = await runTool('find_references', JSON.stringify({ path: 'src/a.ts', line: 1, column: 17 }), ctx(dir, undefined, project));
    expect(out.kind).toBe('read');
    expect(out.output).toContain('src/b.ts:1:10: import { add } from');
    expect(out.output).toContain('src/b.ts:3:30: export const three: number = add(1, 2);');
  });
});

describe('search/replace text format', () => {
  it('parses blocks with file names before fences, and reports unterminated blocks', () => {
    const parsed = parseSearchReplace('Here:\n\n**src/a.ts**\n```ts\n<<<<<<< SEARCH\nold\n=======\nnew\n>>>>>>> REPLACE\n```\nsrc/new.ts\n<<<<<<< SEARCH\n=======\ncontent\n>>>>>>> REPLACE\n');
    expect(parsed.edits).toEqual([
      { path: 'src/a.ts', search: 'old\n', replace: 'new\n' },
      { path: 'src/new.ts', search: '', replace: 'content\n' },
    ]);
    expect(parsed.errors).toEqual([]);
    expect(parseSearchReplace('src/a.ts\n<<<<<<< SEARCH\nold\n').errors[0]).toMatch(/not terminated/);
    expect(parseSearchReplace('All done, nothing else to change.').edits).toEqual([]);
  });

  it('applySearchReplace keeps CRLF line endings', () => {
    const r = applySearchReplace('a\r\nb\r\nc\r\n', 'b\n', 'B\n');
    expect(r).toEqual({ ok: true, text: 'a\r\nB\r\nc\r\n', line: 2 });
  });
});
