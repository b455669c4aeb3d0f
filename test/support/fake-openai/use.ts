/**
 * The one way a test gets the scripted OpenAI-compatible endpoint (server.ts): the returned
 * FakeOpenAI listens from the hook on, with an empty script and no recorded requests, and is
 * closed by the matching after-hook, so a failing test leaves no server or hung request behind.
 *
 * - `'each'` (default): a fresh endpoint per test (beforeEach / afterEach).
 * - `'all'`: one endpoint for the tests of the file or `describe` block it is called in
 *   (beforeAll / afterAll); call it before hooks that need its `baseUrl`.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { FakeOpenAI } from './server.js';

export function useFakeOpenAI(lifetime: 'each' | 'all' = 'each'): FakeOpenAI {
  const fake = new FakeOpenAI();
  const [before, after] = lifetime === 'each' ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(() => fake.listen());
  after(() => fake.close());
  return fake;
}
