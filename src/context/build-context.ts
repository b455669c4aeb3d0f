/**
 * buildContext: expand the sites into chunks (chunks.ts), keep the most important ones that
 * fit the token budget, render them. The budget is checked on the exact rendered text; sites
 * that do not fit are listed in the text and in `omittedSites`.
 */
import path from 'node:path';
import type { Project } from 'ts-morph';
import { GodwitError } from '../errors.js';
import { buildChunks, type Chunk } from './chunks.js';
import { FileIndexes } from './file-index.js';
import { fileHeader, lastLineOf, normalizeRanges, renderFile, renderLine, ELISION, type Range } from './render.js';
import { sortSites } from './sort-sites.js';
import { countTokens } from './tokens.js';
import type { BuildContextOptions, BuiltContext, ContextFile, Site } from './types.js';

export async function buildContext(project: Project, dir: string, sites: Site[], options: BuildContextOptions): Promise<BuiltContext> {
  if (!Number.isInteger(options.budget) || options.budget <= 0) {
    throw new GodwitError('usage', `context budget must be a positive integer, got ${options.budget}`, 'Pass a token budget such as 12000.');
  }
  const root = path.resolve(dir);
  const ordered = sortSites(sites);
  const indexes = new FileIndexes(project, root);
  const chunks = buildChunks(ordered, indexes, options.maxDistance ?? 1, options.includeTests ?? true).sort(
    (a, b) => a.priority - b.priority || a.order - b.order,
  );
  const files = new Map<string, { lines: string[]; siteLines: Set<number> }>();
  const fileOf = (file: string) => {
    let entry = files.get(file);
    if (!entry) {
      entry = { lines: indexes.get(file)?.lines ?? [], siteLines: new Set() };
      files.set(file, entry);
    }
    return entry;
  };
  ordered.forEach((s) => fileOf(s.file).siteLines.add(s.line));

  const estimator = new Estimator(fileOf);
  // The list of left-out sites takes at most about a third of the budget; the rest is code.
  const listLimit = Math.max(3, Math.floor(options.budget / 3 / NOTE_TOKENS_PER_SITE));
  const render = (accepted: readonly Chunk[], limitList = listLimit) => renderContext(ordered, accepted, fileOf, options.budget, limitList);

  // Everything fits: no need to estimate anything.
  const everything = render(chunks);
  if (everything.tokens <= options.budget) return everything;

  let limit = options.budget;
  let accepted = greedy(chunks, limit, estimator, ordered.length, listLimit);
  let out = render(accepted);
  for (let attempt = 0; attempt < 6 && out.tokens > options.budget; attempt++) {
    limit -= out.tokens - options.budget + Math.ceil(options.budget * 0.01);
    accepted = greedy(chunks, limit, estimator, ordered.length, listLimit);
    out = render(accepted);
  }
  // Last resort: drop the least important chunks, then shorten the list of left-out sites.
  while (out.tokens > options.budget && accepted.length > 0) {
    accepted = dropLast(accepted);
    out = render(accepted);
  }
  for (let n = listLimit - 1; out.tokens > options.budget && n >= 0; n--) out = render(accepted, n);
  if (out.tokens > options.budget) out = { ...out, text: '', tokens: 0, files: [] };
  return out;
}

/** Reasons listed at the top of the context, at most. */
const MAX_REASONS = 50;
const clip = (text: string): string => (text.length > 200 ? `${text.slice(0, 199)}…` : text).replace(/\s+/g, ' ');

/** About what one left-out site costs in the list (`12:5 call, ` plus its share of the file name). */
const NOTE_TOKENS_PER_SITE = 8;

/** Removes the last accepted chunk and the chunks that only made sense with it. */
function dropLast(accepted: readonly Chunk[]): Chunk[] {
  const last = accepted[accepted.length - 1]!;
  const rest = accepted.slice(0, -1);
  return last.site === undefined ? rest : rest.filter((c) => c.requires !== last.site);
}

type FileOf = (file: string) => { lines: string[]; siteLines: Set<number> };

/** Approximate cost of a file block: per-line token counts (cached) + header + elisions. */
class Estimator {
  private readonly lineCosts = new Map<string, number[]>();
  private readonly elision = countTokens(`\n${ELISION}`);
  constructor(private readonly fileOf: FileOf) {}

  cost(file: string, ranges: readonly Range[]): number {
    const { lines, siteLines } = this.fileOf(file);
    const last = lastLineOf(lines);
    const merged = normalizeRanges(ranges, last);
    if (merged.length === 0) return 0;
    const width = String(last).length;
    let costs = this.lineCosts.get(file);
    if (!costs) this.lineCosts.set(file, (costs = []));
    let total = countTokens(`\n\n${fileHeader(file)}`);
    let next = 1;
    for (const [from, to] of merged) {
      if (from > next) total += this.elision;
      for (let n = from; n <= to; n++) {
        costs[n] ??= countTokens(`\n${renderLine(n, width, lines[n - 1] ?? '', siteLines.has(n))}`);
        total += costs[n]!;
      }
      next = to + 1;
    }
    if (next <= last) total += this.elision;
    return total;
  }
}

/** Takes chunks in priority order while the estimated total stays within `limit`. */
function greedy(chunks: readonly Chunk[], limit: number, estimator: Estimator, siteCount: number, listLimit: number): Chunk[] {
  const accepted: Chunk[] = [];
  const shown = new Set<number>();
  const ranges = new Map<string, Range[]>();
  const costs = new Map<string, number>();
  // Header line plus room for the note that lists left-out sites.
  const note = (left: number): number => (left === 0 ? 0 : 20 + Math.min(left, listLimit) * NOTE_TOKENS_PER_SITE);
  let total = 20;
  let reservedForNote = note(siteCount);
  for (const chunk of chunks) {
    if (chunk.requires !== undefined && !shown.has(chunk.requires)) continue;
    const current = ranges.get(chunk.file) ?? [];
    const next = [...current, chunk.range];
    const cost = estimator.cost(chunk.file, next);
    const delta = cost - (costs.get(chunk.file) ?? 0);
    if (total + delta + reservedForNote > limit) continue;
    total += delta;
    ranges.set(chunk.file, next);
    costs.set(chunk.file, cost);
    accepted.push(chunk);
    if (chunk.site !== undefined) {
      shown.add(chunk.site);
      reservedForNote = note(siteCount - shown.size);
    }
  }
  return accepted;
}

function renderContext(sites: readonly Site[], accepted: readonly Chunk[], fileOf: FileOf, budget: number, listLimit: number): BuiltContext {
  const shown = new Set(accepted.filter((c) => c.site !== undefined).map((c) => c.site!));
  const omittedSites = sites.filter((_, i) => !shown.has(i));
  const byFile = new Map<string, Range[]>();
  for (const c of accepted) byFile.set(c.file, [...(byFile.get(c.file) ?? []), c.range]);
  const siteFiles = new Set(sites.map((s) => s.file));
  const paths = [...byFile.keys()].sort((a, b) => Number(!siteFiles.has(a)) - Number(!siteFiles.has(b)) || (a < b ? -1 : a > b ? 1 : 0));

  const blocks: string[] = [];
  const files: ContextFile[] = [];
  for (const p of paths) {
    const { lines, siteLines } = fileOf(p);
    const shownSiteLines = new Set(sites.filter((s, i) => s.file === p && shown.has(i)).map((s) => s.line));
    const block = renderFile(p, lines, byFile.get(p)!, new Set([...siteLines].filter((l) => shownSiteLines.has(l))));
    blocks.push(block);
    files.push({ path: p, ranges: normalizeRanges(byFile.get(p)!, lastLineOf(lines)), tokens: countTokens(block) });
  }

  const head = [
    sites.length === 0
      ? 'godwit context: no change sites found.'
      : `godwit context: ${sites.length} change site${sites.length === 1 ? '' : 's'} in ${siteFiles.size} file${siteFiles.size === 1 ? '' : 's'}; lines marked > are sites.`,
  ];
  const reasons = sites.filter((s) => s.reason !== undefined);
  if (reasons.length > 0) {
    head.push('Why each site was left (the codemod could not translate it exactly):');
    for (const s of reasons.slice(0, MAX_REASONS)) head.push(`- ${s.file}:${s.line}:${s.column} ${clip(s.reason!)}`);
    if (reasons.length > MAX_REASONS) head.push(`- … and ${reasons.length - MAX_REASONS} more`);
  }
  if (omittedSites.length > 0) {
    head.push(`${omittedSites.length} of ${sites.length} sites did not fit the token budget (${budget}) and are not shown:`);
    const listed = omittedSites.slice(0, listLimit);
    // One line per file: `- src/a.ts: 3:1 import, 12:5 call` (sites are sorted by file).
    for (let i = 0; i < listed.length; ) {
      const file = listed[i]!.file;
      const here: string[] = [];
      for (; i < listed.length && listed[i]!.file === file; i++) here.push(`${listed[i]!.line}:${listed[i]!.column} ${listed[i]!.kind}`);
      head.push(`- ${file}: ${here.join(', ')}`);
    }
    if (listed.length < omittedSites.length) head.push(`- … and ${omittedSites.length - listed.length} more (see omittedSites)`);
  }
  const text = [head.join('\n'), ...blocks].join('\n\n') + '\n';
  return { sites: [...sites], omittedSites, text, tokens: countTokens(text), files };
}
