/**
 * Turns what an operator gave (`--repo`, lines of `--repos FILE`, GitHub discovery) into campaign
 * repositories, validating every reference up front and reporting bad ones with their origin
 * (`repos.txt:7`). Local repositories are stored by absolute path: workers run elsewhere.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GodwitError } from '../errors.js';
import { parseRepoRef, type ParseRepoRefOptions } from '../forge/repo-ref.js';
import type { CampaignRepo } from './producer.js';

export interface RepoSource {
  /** Where it came from, for messages: `--repo`, `repos.txt:3`. */
  origin: string;
  text: string;
  /** Relative paths resolve against this directory. */
  cwd: string;
}

export interface InvalidRepo {
  origin: string;
  text: string;
  message: string;
}

/** Reads a repositories file: one reference per line; blank lines and `# comments` skipped. */
export function readRepoFile(file: string): RepoSource[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new GodwitError('usage', `Cannot read ${file}: ${(error as Error).message}`, 'Give a text file with one repository per line.');
  }
  const cwd = path.dirname(path.resolve(file));
  return text.split(/\r?\n/).flatMap((line, i) => {
    const trimmed = line.replace(/\s+#.*$/, '').trim();
    return trimmed === '' || trimmed.startsWith('#') ? [] : [{ origin: `${file}:${i + 1}`, text: trimmed, cwd }];
  });
}

export function resolveRepoSources(
  sources: RepoSource[],
  options: Pick<ParseRepoRefOptions, 'githubApiUrl'> = {},
): { repos: CampaignRepo[]; invalid: InvalidRepo[] } {
  const repos: CampaignRepo[] = [];
  const invalid: InvalidRepo[] = [];
  for (const source of sources) {
    try {
      const ref = parseRepoRef(source.text, { cwd: source.cwd, ...options });
      // The worker parses `input` again in its own cwd: give it the absolute path for local repos.
      repos.push({ input: ref.forge === 'local' ? ref.location : ref.input, name: ref.name, location: ref.location });
    } catch (error) {
      invalid.push({ origin: source.origin, text: source.text, message: (error as Error).message });
    }
  }
  return { repos, invalid };
}

export function invalidReposError(invalid: InvalidRepo[]): GodwitError {
  const lines = invalid.map((i) => `  ${i.origin}: ${i.message}`).join('\n');
  return new GodwitError(
    'repo-invalid',
    `${invalid.length} invalid repository reference${invalid.length === 1 ? '' : 's'}; nothing was enqueued:\n${lines}`,
    'Fix or remove those lines, or pass --skip-invalid to enqueue the valid ones.',
  );
}
