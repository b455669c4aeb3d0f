/**
 * CODEOWNERS, parsed and matched with GitHub's rules (docs.github.com "About code owners"):
 * the last matching line wins; patterns follow .gitignore syntax — `*` stays within a path
 * segment, `**` crosses them, a pattern with a leading or inner `/` is anchored at the root,
 * one without matches at any depth, a trailing `/` matches directories only, and a pattern
 * naming a directory owns everything below it — except that `dir/*` owns only the files
 * directly in `dir` (GitHub's documented exception). `!` negation and `[ ]` ranges are not
 * supported by GitHub; such lines are reported and ignored. A matching line without owners
 * leaves the path unowned. Owners are `@user`, `@org/team` or an e-mail address.
 */

export interface CodeownersRule {
  line: number;
  pattern: string;
  owners: string[];
  regex: RegExp;
  /** Whether the pattern also owns everything below a directory it matches. */
  ownsBelow: boolean;
  dirOnly: boolean;
}

export interface ParsedCodeowners {
  rules: CodeownersRule[];
  /** Lines GitHub would flag as errors, with the reason. */
  errors: Array<{ line: number; text: string; reason: string }>;
}

/** Where GitHub looks, in order; the first one found is used. */
export const CODEOWNERS_PATHS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;

const OWNER = /^(@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\[bot\])?(?:\/[A-Za-z0-9._-]+)?|[^@\s]+@[^@\s]+\.[^@\s]+)$/;

function escapeRegex(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The body regex of a pattern (without anchoring); `**` and `*`/`?` as in .gitignore. */
function patternBody(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\' && i + 1 < p.length) {
      out += escapeRegex(p[++i]!);
    } else if (c === '*' && p[i + 1] === '*') {
      const atStart = i === 0 || p[i - 1] === '/';
      const slashAfter = p[i + 2] === '/';
      if (atStart && slashAfter) {
        out += '(?:.*/)?';
        i += 2;
      } else if (atStart && i + 2 === p.length) {
        out += '.*';
        i += 1;
      } else {
        out += '[^/]*';
        i += 1;
      }
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += escapeRegex(c);
  }
  return out;
}

export function compilePattern(raw: string): Pick<CodeownersRule, 'regex' | 'ownsBelow' | 'dirOnly'> {
  const dirOnly = raw.endsWith('/');
  let p = dirOnly ? raw.slice(0, -1) : raw;
  const anchored = p.startsWith('/') || p.includes('/');
  p = p.replace(/^\/+/, '');
  const last = p.split('/').pop() ?? '';
  // `docs/*` owns docs/a.md but not docs/sub/b.md; `*.js`, `apps/`, `/apps/github`, `**/logs` own what is below a matched directory.
  const ownsBelow = dirOnly || !(/[*?]/.test(last) && p.includes('/') && !last.includes('**'));
  const regex = new RegExp(`^${anchored ? '' : '(?:.*/)?'}${patternBody(p)}$`);
  return { regex, ownsBelow, dirOnly };
}

export function parseCodeowners(text: string): ParsedCodeowners {
  const rules: CodeownersRule[] = [];
  const errors: ParsedCodeowners['errors'] = [];
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = index + 1;
    // A `#` starts a comment unless escaped (`\#file` is a pattern).
    const text = rawLine.replace(/(^|[^\\])#.*$/, '$1').trim();
    if (!text) return;
    const parts = text.split(/\s+/);
    const pattern = parts[0]!;
    const owners = parts.slice(1);
    if (pattern.startsWith('!')) return void errors.push({ line, text: rawLine, reason: 'negation (!) is not supported in CODEOWNERS' });
    if (/(^|[^\\])\[/.test(pattern)) return void errors.push({ line, text: rawLine, reason: 'character ranges ([ ]) are not supported in CODEOWNERS' });
    const bad = owners.find((o) => !OWNER.test(o));
    if (bad) return void errors.push({ line, text: rawLine, reason: `"${bad}" is not a @user, @org/team or e-mail owner` });
    rules.push({ line, pattern, owners, ...compilePattern(pattern) });
  });
  return { rules, errors };
}

function matches(rule: CodeownersRule, file: string): boolean {
  const segments = file.split('/');
  if (!rule.dirOnly && rule.regex.test(file)) return true;
  if (!rule.ownsBelow) return false;
  for (let i = 1; i < segments.length; i++) {
    if (rule.regex.test(segments.slice(0, i).join('/'))) return true;
  }
  return false;
}

/** The owners of one path (repository-relative, `/`-separated): the last matching rule's. */
export function ownersOf(parsed: ParsedCodeowners, file: string): { owners: string[]; rule?: CodeownersRule } {
  const path = file.replace(/^\/+/, '');
  for (let i = parsed.rules.length - 1; i >= 0; i--) {
    const rule = parsed.rules[i]!;
    if (matches(rule, path)) return { owners: rule.owners, rule };
  }
  return { owners: [] };
}

export interface ReviewRequest {
  users: string[];
  /** Team slugs within `org`. */
  teams: string[];
  /** Owners that cannot be requested through the API (e-mails, teams of other organisations). */
  skipped: string[];
}

/** Review requests for a set of changed files: users and teams (of `org`) owning any of them. */
export function reviewRequestFor(parsed: ParsedCodeowners, files: string[], org: string): ReviewRequest {
  const users = new Set<string>();
  const teams = new Set<string>();
  const skipped = new Set<string>();
  for (const file of files) {
    for (const owner of ownersOf(parsed, file).owners) {
      if (!owner.startsWith('@')) skipped.add(owner);
      else if (owner.includes('/')) {
        const [teamOrg, slug] = owner.slice(1).split('/') as [string, string];
        if (teamOrg.toLowerCase() === org.toLowerCase()) teams.add(slug);
        else skipped.add(owner);
      } else users.add(owner.slice(1));
    }
  }
  return { users: [...users], teams: [...teams], skipped: [...skipped] };
}
