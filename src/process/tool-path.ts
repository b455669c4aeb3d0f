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

/**
 * `repositoryBin: false` leaves the clone's `node_modules/.bin` out: the download step of an
 * install has the network, and a committed `node_modules/.bin/node` or `npm` must not run there.
 * Relative entries are dropped too (they would resolve inside the clone).
 */
export function repositoryPath(dir: string, options: { shimDir?: string; basePath?: string; repositoryBin?: boolean } = {}): string {
  const base = (options.basePath ?? process.env.PATH ?? '').split(path.delimiter).filter((e) => path.isAbsolute(e) && !isNodeModulesBin(e));
  const first = [...(options.repositoryBin === false ? [] : [path.join(path.resolve(dir), 'node_modules', '.bin')]), ...(options.shimDir ? [options.shimDir] : [])];
  return [...new Set([...first, ...base])].join(path.delimiter);
}
