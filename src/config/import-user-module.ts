/**
 * Imports a user's own module: a `godwit.config.ts`, or a migration folder's `index.ts` under
 * development. godwit itself is compiled JavaScript; tsx is loaded only here, and only for
 * TypeScript files, so that no other command pays for it.
 */
import { pathToFileURL } from 'node:url';

const TYPESCRIPT = /\.[cm]?tsx?$/;

export async function importUserModule(file: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(file).href;
  if (!TYPESCRIPT.test(file)) return (await import(url)) as Record<string, unknown>;
  const { tsImport } = await import('tsx/esm/api');
  return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
}
