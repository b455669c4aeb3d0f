import { vi, test } from 'vitest';

test('later mocks', async () => {
  vi.doMock('node:fs', () => ({ default: {} }));
  vi.doUnmock('node:fs');
  vi.unmock('node:path');
});
