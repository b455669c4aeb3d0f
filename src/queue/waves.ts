/**
 * Waves: `--waves 5,50,all` splits a campaign's repositories into consecutive groups. Only the
 * first is released at enqueue; each later one when the previous finished with a verified rate
 * (verified / applicable) of at least the gate. Applicable = verified + failed + unverified +
 * baseline-broken + error (an unverified run counts against the rate: it is not verified) (not-applicable, no-changes and cancelled do not count); a wave with nothing applicable
 * passes.
 */
import { GodwitError } from '../errors.js';
import { APPLICABLE_STATUSES, type RepoStatusRecord } from './schemas.js';

/** Parses "5,50,all" into sizes (Infinity for "all"). */
export function parseWaves(spec: string): number[] {
  const parts = spec.split(',').map((p) => p.trim()).filter(Boolean);
  const sizes = parts.map((p, i) => {
    if (p === 'all') {
      if (i !== parts.length - 1) throw new GodwitError('usage', `--waves: "all" must be the last wave (got "${spec}")`, 'Example: --waves 5,50,all');
      return Infinity;
    }
    const n = Number(p);
    if (!Number.isInteger(n) || n <= 0) throw new GodwitError('usage', `--waves: "${p}" is not a positive integer or "all"`, 'Example: --waves 5,50,all');
    return n;
  });
  if (!sizes.length) throw new GodwitError('usage', '--waves needs at least one size', 'Example: --waves 5,50,all');
  return sizes;
}

export function parseGate(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new GodwitError('usage', `--gate must be between 0 and 1, got "${value}"`, 'Example: --gate 0.8');
  return n;
}

/** Splits items into waves; whatever the sizes leave over becomes one last wave. */
export function splitIntoWaves<T>(items: T[], sizes: number[] | undefined): T[][] {
  if (!sizes?.length) return [items];
  const waves: T[][] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= items.length) break;
    const end = size === Infinity ? items.length : at + size;
    waves.push(items.slice(at, end));
    at = end;
  }
  if (at < items.length) waves.push(items.slice(at));
  return waves;
}

export interface WaveResult {
  verified: number;
  applicable: number;
  rate: number;
}

export function waveResult(repos: Pick<RepoStatusRecord, 'status'>[]): WaveResult {
  const verified = repos.filter((r) => r.status === 'verified').length;
  const applicable = repos.filter((r) => APPLICABLE_STATUSES.has(r.status)).length;
  return { verified, applicable, rate: applicable === 0 ? 1 : verified / applicable };
}
