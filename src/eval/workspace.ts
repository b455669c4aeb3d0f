/** Temporary git repositories for eval cases, and reading a folder back into a file map. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runGitSync } from '../process/index.js';
import { walkFiles } from './snapshot.js';

const IDENTITY = ['user.name=godwit eval', 'user.email=eval@godwit.invalid', 'commit.gpgsign=false'];

function git(dir: string, args: string[]): void {
  runGitSync(dir, args, { config: IDENTITY });
}

/** A fresh temp folder holding one commit of `files` (path → contents) and/or a copy of `fromDir`. */
export function makeCaseRepo(options: { fromDir?: string; files?: Record<string, string> }): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'godwit-eval-'));
  if (options.fromDir) cpSync(options.fromDir, dir, { recursive: true });
  for (const [file, text] of Object.entries(options.files ?? {})) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '--no-verify', '--allow-empty', '-m', 'case before']);
  return dir;
}

export function readTree(dir: string): Map<string, string> {
  return new Map(walkFiles(dir).map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
}

export function removeRepo(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
