/**
 * agent: the LLM loop for what the codemod left (owned by the agent engineer; this stays a
 * thin call into src/agent). A no-op until the agent lands.
 */
import type { JobContext, StageResult } from '../context.js';

export async function agent(_ctx: JobContext): Promise<StageResult> {
  return { status: 'skipped', summary: 'agent loop not available yet' };
}
