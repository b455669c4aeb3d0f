import { test } from 'node:test';
import assert from 'node:assert';
import { isWeekend, label, lastWeek } from '../src/range';

// Mid-January: no daylight-saving change in that week in any time zone.
const noon = new Date(2024, 0, 20, 12, 0, 0);

test('lastWeek spans from the start of the day a week ago to the end of today', () => {
  const week = lastWeek(noon);
  assert.strictEqual(new Date(week.from).getTime(), new Date(2024, 0, 13, 0, 0, 0, 0).getTime());
  assert.strictEqual(week.to, new Date(2024, 0, 20, 23, 59, 59, 999).getTime());
  assert.strictEqual(week.span, 7 * 24 + 23);
});

test('isWeekend knows Saturday and Monday', () => {
  assert.strictEqual(isWeekend(noon), true);
  assert.strictEqual(isWeekend(new Date(2024, 0, 22)), false);
});

test('label formats the local date', () => {
  assert.strictEqual(label(noon), '2024-01-20');
});
