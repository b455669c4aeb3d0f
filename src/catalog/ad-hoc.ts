/** A prompt-only migration from `--prompt-file`: id `ad-hoc`, the whole repository in scope. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { GodwitError } from '../errors.js';
import type { LoadedMigration } from './definition.js';
import { loadMigrationDefinition } from './registry.js';

export function loadAdHocMigration(promptFile: string, cwd = process.cwd()): LoadedMigration {
  const file = path.resolve(cwd, promptFile);
  if (!existsSync(file)) throw new GodwitError('usage', `Prompt file not found: ${file}`, 'Pass --prompt-file <file> with the end state described in Markdown.');
  const text = readFileSync(file, 'utf8');
  if (text.trim() === '') throw new GodwitError('usage', `Prompt file ${file} is empty`, 'Describe the end state the repository should reach.');
  const heading = /^#\s+(.+)$/m.exec(text)?.[1]?.trim();
  const title = heading ?? 'Ad-hoc migration';
  const loaded = loadMigrationDefinition(
    {
      id: 'ad-hoc',
      title,
      description: `Ad-hoc migration from ${path.basename(file)}`,
      prompt: file,
      pr: { title },
    },
    undefined,
  );
  return { ...loaded, promptText: text };
}
