import { vi, test } from 'vitest';

test('later mocks', async () => {
  vi.doMock('fs', () => ({ default: {} }));
  vi.doUnmock('fs');
  vi.unmock('path');
});
