/** The context engine's public surface: locate change sites, build the model's context. */
export { createWorkspaceProject } from './project.js';
export { locateSites } from './locate.js';
export { sitesAt } from './custom-locator.js';
export { buildContext } from './build-context.js';
export { countTokens } from './tokens.js';
export { inMemoryProgram } from './in-memory-program.js';
export { sourceFileOptions } from './module-format.js';
export { summarizeSites } from './summarize.js';
export type { Site, SiteKind, BuildContextOptions, BuiltContext, ContextFile, Target } from './types.js';
