/** Puts what the codemod step found and left into the JobContext (and so the RunReport). */
import type { JobContext } from './context.js';
import { briefSite, type CodemodOutcome } from './run-codemod.js';

/** At most this many leftover sites are listed in a RunReport (all are counted). */
const MAX_LISTED = 200;

export function recordSites(ctx: JobContext, outcome: CodemodOutcome): void {
  ctx.leftovers = outcome.left;
  ctx.sites = {
    found: outcome.found.length,
    handledByCodemod: outcome.handledByCodemod,
    left: outcome.left.length,
    leftovers: outcome.left.slice(0, MAX_LISTED).map(briefSite),
  };
  for (const s of outcome.left) ctx.log('info', `${s.file}:${s.line}:${s.column}: left for the agent${s.reason ? `: ${s.reason}` : ''}`);
}
