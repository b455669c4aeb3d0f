/** Token counting with a real tokenizer (gpt-tokenizer's default encoding, o200k_base). */
import { countTokens as count } from 'gpt-tokenizer';

export function countTokens(text: string): number {
  return text.length === 0 ? 0 : count(text);
}
