/**
 * CODEOWNERS precedence, table-driven from GitHub's documentation ("About code owners",
 * example file): last match wins, `*` vs `**`, anchoring with `/`, directory patterns, the
 * `docs/*` exception, owner-less lines, teams and e-mails.
 */
import { describe, expect, it } from 'vitest';
import { ownersOf, parseCodeowners, reviewRequestFor } from '../../../../src/forge/github/codeowners.js';

// GitHub's documented example, in its order (the /apps/ block uses the "owner-less" variant).
const EXAMPLE = `
# These owners will be the default owners for everything in the repo.
*       @global-owner1 @global-owner2
# Order is important; the last matching pattern takes the most precedence.
*.js    @js-owner #This is an inline comment.
*.go docs@example.com
*.txt @octo-org/octocats
/build/logs/ @doctocat
docs/*  docs@example.com
apps/ @octocat
/docs/ @doctocat
/scripts/ @doctocat @octocat
**/logs @octocat
/apps/ @octocat
/apps/github
\\#notes.md @hash-owner
`;

const parsed = parseCodeowners(EXAMPLE);

const cases: Array<[file: string, owners: string[], why: string]> = [
  ['README.md', ['@global-owner1', '@global-owner2'], '* owns everything not matched later'],
  ['src/index.js', ['@js-owner'], '*.js matches at any depth, later than *'],
  ['main.go', ['docs@example.com'], 'e-mail owners'],
  ['notes/a.txt', ['@octo-org/octocats'], 'team owners'],
  ['build/logs/out.log', ['@octocat'], '**/logs (later) beats /build/logs/'],
  ['docs/getting-started.md', ['@doctocat'], '/docs/ (later) beats docs/*'],
  ['docs/build-app/troubleshooting.md', ['@doctocat'], '/docs/ owns subdirectories'],
  ['src/docs/guide.md', ['@global-owner1', '@global-owner2'], 'docs/* holds a slash, so it is anchored: src/docs is not matched'],
  ['scripts/deploy.sh', ['@doctocat', '@octocat'], 'several owners'],
  ['deeply/nested/logs/x.txt', ['@octocat'], '**/logs matches any depth, beats *.txt'],
  ['apps/web/index.ts', ['@octocat'], '/apps/ owns the root apps folder'],
  ['apps/github/index.ts', [], 'an owner-less later line leaves apps/github unowned'],
  ['lib/apps/x.ts', ['@octocat'], 'apps/ without a leading slash matches at any depth'],
  ['#notes.md', ['@hash-owner'], 'an escaped # is a pattern, not a comment'],
];

describe('CODEOWNERS (GitHub precedence)', () => {
  it.each(cases)('%s → %j (%s)', (file, owners) => {
    expect(ownersOf(parsed, file).owners).toEqual(owners);
  });

  it('docs/* owns direct files only (GitHub exception to .gitignore)', () => {
    const only = parseCodeowners('docs/*  @docs-team\n');
    expect(ownersOf(only, 'docs/getting-started.md').owners).toEqual(['@docs-team']);
    expect(ownersOf(only, 'docs/build-app/troubleshooting.md').owners).toEqual([]);
  });

  it('a trailing slash matches directories only; a bare name matches files and directories', () => {
    const p = parseCodeowners('logs/ @dir-owner\nbuild @any-owner\n');
    expect(ownersOf(p, 'logs').owners).toEqual([]);
    expect(ownersOf(p, 'logs/a.txt').owners).toEqual(['@dir-owner']);
    expect(ownersOf(p, 'build').owners).toEqual(['@any-owner']);
    expect(ownersOf(p, 'x/build/y.js').owners).toEqual(['@any-owner']);
  });

  it('* stays within a segment, ** crosses them, matching is case-sensitive', () => {
    const p = parseCodeowners('/src/*.ts @flat\n/src/**/*.test.ts @tests\n');
    expect(ownersOf(p, 'src/a.ts').owners).toEqual(['@flat']);
    expect(ownersOf(p, 'src/deep/a.ts').owners).toEqual([]);
    expect(ownersOf(p, 'src/a.test.ts').owners).toEqual(['@tests']);
    expect(ownersOf(p, 'src/x/y/a.test.ts').owners).toEqual(['@tests']);
    expect(ownersOf(p, 'SRC/a.ts').owners).toEqual([]);
  });

  it('reports lines GitHub rejects and ignores them', () => {
    const p = parseCodeowners('!secret.txt @a\n[ab].md @b\n*.md not-an-owner\n*.md @ok\n');
    expect(p.errors.map((e) => e.line)).toEqual([1, 2, 3]);
    expect(ownersOf(p, 'x.md').owners).toEqual(['@ok']);
  });

  it('turns owners of changed files into user and team review requests of the organisation', () => {
    const request = reviewRequestFor(parsed, ['src/a.js', 'notes/a.txt', 'main.go', 'scripts/x.sh'], 'octo-org');
    expect(request.users.sort()).toEqual(['doctocat', 'js-owner', 'octocat']);
    expect(request.teams).toEqual(['octocats']);
    expect(request.skipped).toEqual(['docs@example.com']);
    expect(reviewRequestFor(parsed, ['notes/a.txt'], 'other-org')).toEqual({ users: [], teams: [], skipped: ['@octo-org/octocats'] });
  });
});
