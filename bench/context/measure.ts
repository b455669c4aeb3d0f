/**
 * Cold measurement in a fresh process: locate the sites of `moment` in a repository and build
 * the context. Prints one JSON line.
 */
import { performance } from 'node:perf_hooks';

const [dir, budgetArg] = process.argv.slice(2);
if (!dir) throw new Error('usage: measure.ts <dir> [budget]');
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const c0 = cpu();
const t0 = performance.now();
const { buildContext, createWorkspaceProject, locateSites } = await import('../../src/context/index.js');
const tImport = performance.now();
const cImport = cpu();
const project = createWorkspaceProject(dir);
const sites = await locateSites(project, { modules: ['moment'], names: [] }, dir);
const tLocate = performance.now();
const cLocate = cpu();
const context = await buildContext(project, dir, sites, { budget: Number(budgetArg ?? 400_000) });
const tBuild = performance.now();
const cBuild = cpu();
process.stdout.write(
  JSON.stringify({
    importMs: Math.round(tImport - t0),
    locateMs: Math.round(tLocate - tImport),
    buildMs: Math.round(tBuild - tLocate),
    totalMs: Math.round(tBuild - t0),
    importCpuMs: Math.round(cImport - c0),
    locateCpuMs: Math.round(cLocate - cImport),
    buildCpuMs: Math.round(cBuild - cLocate),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    sites: sites.map((s) => `${s.file}:${s.line}`),
    siteFiles: [...new Set(sites.map((s) => s.file))],
    omitted: context.omittedSites.length,
    tokens: context.tokens,
    parsedFiles: project.getSourceFiles().length,
  }) + '\n',
);
