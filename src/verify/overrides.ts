/**
 * Verifier overrides: a repository's own godwit settings (`.godwit.json`, or the `godwit` key
 * of package.json — read from the base commit only) and a campaign's `--verifier` options can
 * set the command of each verifier kind or turn it off. Validated with zod.
 */
import { z } from 'zod';
import { VERIFIER_KINDS, type VerifierKind } from '../report/run-report.js';

/** `false`: do not run this kind; a string: this command (run in the clone, like a package.json script). */
export const verifierOverrideSchema = z.union([
  z.literal(false),
  z.string().trim().min(1, 'a command cannot be empty'),
  z
    .object({
      command: z.string().trim().min(1, 'a command cannot be empty'),
      /** Environment settings for the command (e.g. NODE_OPTIONS); never secrets. */
      env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'environment names are letters, digits and _'), z.string()).optional(),
    })
    .strict(),
]);
export type VerifierOverride = z.infer<typeof verifierOverrideSchema>;

export const verifierOverridesSchema = z
  .object({ typecheck: verifierOverrideSchema.optional(), lint: verifierOverrideSchema.optional(), test: verifierOverrideSchema.optional() })
  .strict();
export type VerifierOverrides = z.infer<typeof verifierOverridesSchema>;

/** Parses `kind=command` / `kind=off` (the CLI's repeatable `--verifier`). */
export function parseVerifierFlag(value: string): [VerifierKind, VerifierOverride] {
  const eq = value.indexOf('=');
  const kind = (eq > 0 ? value.slice(0, eq) : value).trim();
  const rest = eq > 0 ? value.slice(eq + 1).trim() : '';
  if (!(VERIFIER_KINDS as ReadonlyArray<string>).includes(kind)) {
    throw new Error(`--verifier expects typecheck=<command>, lint=<command> or test=<command> (or =off), got "${value}"`);
  }
  if (rest === '') throw new Error(`--verifier ${kind}= needs a command, or "off"`);
  return [kind as VerifierKind, rest === 'off' || rest === 'false' ? false : rest];
}

/** Later sources win per kind. */
export function mergeOverrides(...sources: Array<VerifierOverrides | undefined>): VerifierOverrides {
  const out: VerifierOverrides = {};
  for (const source of sources) {
    for (const kind of VERIFIER_KINDS) if (source?.[kind] !== undefined) out[kind] = source[kind];
  }
  return out;
}
