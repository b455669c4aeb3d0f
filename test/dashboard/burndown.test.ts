import { describe, expect, it } from 'vitest';
import { burndownPoints } from '../../src/dashboard/burndown.js';
import type { HistorySample } from '../../src/queue/schemas.js';

describe('burndown series', () => {
  it('counts remaining from run samples and open vs merged from PR samples once synced', () => {
    const runs: HistorySample[] = [
      { ts: 1_000_000, counts: { queued: 10 } },
      { ts: 2_000_000, counts: { queued: 8, verified: 2 } },
      { ts: 4_000_000, counts: { queued: 5, verified: 4, failed: 1 } },
    ];
    const prs = [{ ts: 3_000_000, counts: { open: 1, merged: 1, 'checks-failing': 1 } }];
    const points = burndownPoints(10, runs, prs, { ts: 5_000_000, open: 2, merged: 2, finished: 6 });
    expect(points).toEqual([
      { t: 1000, remaining: 10, open: 0, merged: 0 },
      { t: 2000, remaining: 8, open: 2, merged: 0 },
      { t: 3000, remaining: 8, open: 1, merged: 1 },
      { t: 4000, remaining: 5, open: 1, merged: 1 },
      { t: 5000, remaining: 4, open: 2, merged: 2 },
    ]);
  });

  it('keeps one point per second and always ends with the present', () => {
    const runs: HistorySample[] = [
      { ts: 1_000_100, counts: { queued: 2 } },
      { ts: 1_000_900, counts: { queued: 1, verified: 1 } },
    ];
    const points = burndownPoints(2, runs, [], { ts: 1_000_950, open: 1, merged: 0, finished: 1 });
    expect(points).toEqual([{ t: 1000, remaining: 1, open: 1, merged: 0 }]);
    expect(burndownPoints(3, [], [], { ts: 7_000, open: 0, merged: 0, finished: 0 })).toEqual([{ t: 7, remaining: 3, open: 0, merged: 0 }]);
  });
});
