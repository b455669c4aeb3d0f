import { beforeEach, vi } from 'vitest';
beforeEach(() => {
  vi.useRealTimers();
});
