/**
 * Contract of the context engine (src/context). The agent and the pipeline use only these
 * types and the functions exported from src/context/index.ts.
 */
import type { Project } from 'ts-morph';
import type { MigrationDefinition } from '../catalog/definition.js';

export type SiteKind =
  | 'import'
  | 'export-from'
  | 'import-equals'
  | 'require'
  | 'dynamic-import'
  | 'type-import'
  | 'call'
  | 'jsx'
  | 'type-reference'
  | 'property-access'
  | 'reference'
  | 'custom';

export interface Site {
  /** Repository-relative POSIX path. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  kind: SiteKind;
  /** The module specifier the site comes from. */
  module?: string;
  /** The local binding the site refers to (e.g. `m` in `import m from 'moment'`). */
  binding?: string;
  /** Repository-relative path of the barrel file the binding was imported through, if any. */
  via?: string;
  /** Why the site is left for the agent (a codemod's leftover site, or a change the check dropped). */
  reason?: string;
  /** The declaration around the site (function, method, test case, variable); startLine includes its JSDoc. */
  enclosing?: { name: string; kind: string; startLine: number; endLine: number };
}

export interface BuildContextOptions {
  /** Token budget of the rendered context (gpt-tokenizer). */
  budget: number;
  /** How far to follow local declarations used at sites (0 = sites only). Default 1. */
  maxDistance?: number;
  /** Include sibling test files of files with sites. Default true. */
  includeTests?: boolean;
}

export interface ContextFile {
  path: string;
  /** 1-based inclusive line ranges included. */
  ranges: Array<[number, number]>;
  tokens: number;
}

export interface BuiltContext {
  sites: Site[];
  /** Sites that did not fit the budget (named in `text` too, never silently dropped). */
  omittedSites: Site[];
  /** Rendered files with line numbers and `…` elisions; deterministic. */
  text: string;
  tokens: number;
  files: ContextFile[];
}

export type Target = MigrationDefinition['target'];
export type { Project };
