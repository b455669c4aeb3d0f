/** `unverified` is its own status: counted apart, against a wave's verified rate, with its own colour. */
import { describe, expect, it } from 'vitest';
import { countsLegend, progressBar } from '../../src/dashboard/pages/format.js';
import { APPLICABLE_STATUSES } from '../../src/queue/schemas.js';
import { waveResult } from '../../src/queue/waves.js';

describe('unverified', () => {
  it('counts as applicable but not verified in a wave', () => {
    expect(APPLICABLE_STATUSES.has('unverified')).toBe(true);
    expect(waveResult([{ status: 'verified' }, { status: 'unverified' }, { status: 'no-changes' }])).toEqual({ verified: 1, applicable: 2, rate: 0.5 });
  });

  it('has its own segment and legend entry on the dashboard', () => {
    const c = { total: 3, counts: { verified: 1, unverified: 2 } };
    expect(progressBar(c).toString()).toContain('class="s-unverified"');
    expect(countsLegend(c).toString()).toContain('data-count="unverified">2<');
  });
});
