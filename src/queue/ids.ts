/**
 * Deterministic ids: the same campaign (migration + repositories, or --name) always gets the
 * same campaign id, and each repository the same job id, so re-enqueueing never duplicates.
 * BullMQ job ids may not contain ':'; we use '.' as the separator, which campaign ids never hold.
 */
import { createHash } from 'node:crypto';

function shortHash(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

function slug(text: string, max: number): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
}

/** `--name` as a slug, or `<migration>-<hash of the sorted repository locations>`. */
export function campaignIdFor(migration: string, repoLocations: string[], name?: string): string {
  if (name && slug(name, 60)) return slug(name, 60);
  const digest = shortHash([...repoLocations].sort().join('\n'), 10);
  return `${slug(migration, 48) || 'campaign'}-${digest}`;
}

/** Readable and unique within a campaign: `<name-slug>-<hash of the location>`. */
export function repoKeyFor(name: string, location: string): string {
  return `${slug(name, 40) || 'repo'}-${shortHash(location, 8)}`;
}

export function repoJobId(campaignId: string, key: string, requeues = 0): string {
  return requeues > 0 ? `${campaignId}.${key}.r${requeues}` : `${campaignId}.${key}`;
}

export function waveJobId(campaignId: string, wave: number): string {
  return `${campaignId}.w${wave}`;
}

/** The campaign a job id belongs to (everything before the first '.'). */
export function campaignOfJobId(jobId: string): string {
  const dot = jobId.indexOf('.');
  return dot === -1 ? jobId : jobId.slice(0, dot);
}
