/**
 * `godwit enqueue --policy FILE`: a campaign's follow-up policy overrides (docs/github.md) from a
 * YAML or JSON file — `pullRequests` and `ci`, the same keys as in the config — validated with
 * the campaign policy schema and stored with the campaign record.
 */
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { GodwitError, formatZodIssues } from '../errors.js';
import { campaignPolicySchema, type CampaignPolicy } from './github-policy.js';

export function readPolicyFile(file: string): CampaignPolicy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new GodwitError('usage', `Cannot read the policy file ${file}: ${(error as Error).message}`, 'Pass a YAML or JSON file with `pullRequests:` and/or `ci:` (docs/github.md).');
  }
  let raw: unknown;
  try {
    raw = YAML.parse(text) ?? {};
  } catch (error) {
    throw new GodwitError('config-invalid', `The policy file ${file} is not valid YAML/JSON: ${(error as Error).message}`, 'Fix the file and enqueue again.');
  }
  const parsed = campaignPolicySchema.safeParse(raw);
  if (!parsed.success) {
    throw new GodwitError('config-invalid', `Invalid policy file ${file}:\n${formatZodIssues(parsed.error.issues)}`, 'Only `pullRequests` and `ci` keys, as in the config (docs/github.md "After the pull request").');
  }
  return parsed.data;
}
