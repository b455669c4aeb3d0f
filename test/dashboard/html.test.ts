import { describe, expect, it } from 'vitest';
import { renderDiff } from '../../src/dashboard/diff-highlight.js';
import { diffLines } from '../../src/diff/index.js';
import { escapeHtml, html, query, raw } from '../../src/dashboard/html.js';
import { prLink, safeHref } from '../../src/dashboard/pages/format.js';
import { SAMPLE_DIFF } from '../support/sample-diff.js';

describe('html template', () => {
  it('escapes every interpolated string, including attribute breakers', () => {
    const evil = `<script>alert("x")</script>' onmouseover='x' \``;
    const out = html`<div title="${evil}">${evil}</div>`.value;
    expect(out).not.toContain('<script>');
    expect(out).not.toContain(`'x'`);
    expect(out).toBe(
      '<div title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;x&#39; &#96;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;x&#39; &#96;</div>',
    );
  });

  it('keeps nested templates and raw() as markup, escapes arrays item by item', () => {
    const items = ['<b>', 'ok'].map((s) => html`<li>${s}</li>`);
    expect(html`<ul>${items}</ul>`.value).toBe('<ul><li>&lt;b&gt;</li><li>ok</li></ul>');
    expect(html`${raw('<br>')}${['<i>', 3]}`.value).toBe('<br>&lt;i&gt;3');
    expect(html`${null}${undefined}${false}`.value).toBe('');
  });

  it('escapes & first so entities are not double-decoded', () => {
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });

  it('builds query strings from set values only', () => {
    expect(query({ status: 'failed', q: '', page: 2, x: undefined })).toBe('?status=failed&page=2');
    expect(query({})).toBe('');
  });
});

describe('links from outside', () => {
  it('only http(s) URLs become hrefs', () => {
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('data:text/html,<script>')).toBeUndefined();
    expect(safeHref('not a url')).toBeUndefined();
    expect(safeHref('https://github.com/a/b/pull/1')).toBe('https://github.com/a/b/pull/1');
    const link = prLink({ url: 'javascript:alert(1)', number: 3, state: 'open' }).value;
    expect(link).not.toContain('href');
    expect(link).toContain('#3');
    const local = prLink({ url: 'file:///tmp/work/local-prs/x.json', number: 1, state: 'open' }, '/c/a/r/b').value;
    expect(local).toContain('href="/c/a/r/b"');
    expect(local).not.toContain('href="file:');
  });
});

describe('diff highlighter', () => {
  const diff = SAMPLE_DIFF;

  it('classifies lines and numbers them from the hunk header', () => {
    const lines = diffLines(diff);
    expect(lines.slice(0, 11).map((l) => l.kind)).toEqual(['file', 'file', 'file', 'file', 'hunk', 'context', 'del', 'add', 'del', 'context', 'meta']);
    expect(lines[5]).toMatchObject({ oldLine: 10, newLine: 10 });
    expect(lines[6]).toMatchObject({ oldLine: 11 });
    expect(lines[7]).toMatchObject({ newLine: 11 });
    expect(lines[9]).toMatchObject({ oldLine: 13, newLine: 12 });
  });

  it('renders escaped text with our classes only', () => {
    const out = renderDiff(diff).value;
    expect(out).toContain('class="dl d-add"');
    expect(out).toContain('class="dl d-hunk"');
    expect(out).not.toContain('<script>');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(renderDiff('').value).toContain('No changes');
    const cut = renderDiff(diff, 4).value;
    expect((cut.match(/class="dl /g) ?? []).length).toBe(4);
    expect(cut).toContain(`${diff.split('\n').length - 4} more lines not shown`);
  });
});
