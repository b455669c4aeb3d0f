/** Token counting with a real tokenizer (gpt-tokenizer's default encoding, o200k_base). */
import { createRequire } from 'node:module';

type Count = (text: string) => number;
let count: Count | undefined;

export function countTokens(text: string): number {
  if (text.length === 0) return 0;
  // Loaded on first use: gpt-tokenizer builds its tables when imported (about a second of CPU),
  // which a run that ends in the pre-scan, or any CLI command without an agent, never needs.
  count ??= (createRequire(import.meta.url)('gpt-tokenizer') as { countTokens: Count }).countTokens;
  return count(text);
}
