/** What the report says about an install: manager and version, command, time, --legacy-peer-deps. */
import type { InstallRecord } from '../report/run-report.js';
import type { InstallResult } from '../workspace/install.js';

export function recordInstall(run: InstallResult, previous?: InstallRecord): InstallRecord {
  return {
    packageManager: run.packageManager,
    command: run.display,
    durationMs: run.durationMs + (previous?.durationMs ?? 0),
    legacyPeerDeps: run.legacyPeerDeps || (previous?.legacyPeerDeps ?? false),
  };
}
