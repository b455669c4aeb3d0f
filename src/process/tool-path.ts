/**
 * The PATH untrusted commands run with: the clone's own `node_modules/.bin` first, then the
 * corepack shims (so a script that calls `pnpm`/`yarn` gets the pinned version), then the
 * system PATH without any `node_modules/.bin` entry. The last part matters under `npx godwit`
 * or `npm run`: npm puts godwit's own `node_modules/.bin` on PATH, and the repository's
 * `npm run lint` would otherwise pick up godwit's eslint or jest instead of its own.
 */
import path from 'node:path';

function isNodeModulesBin(entry: string): boolean {
  return /(^|[\\/])node_modules[\\/]\.bin[\\/]?$/.test(entry);
}

export function repositoryPath(dir: string, options: { shimDir?: string; basePath?: string } = {}): string {
  const base = (options.basePath ?? process.env.PATH ?? '').split(path.delimiter).filter((e) => e !== '' && !isNodeModulesBin(e));
  const first = [path.join(path.resolve(dir), 'node_modules', '.bin'), ...(options.shimDir ? [options.shimDir] : [])];
  return [...new Set([...first, ...base])].join(path.delimiter);
}
