import { expect, test, vi, type Mock, type Mocked, type MockedClass, type MockedFunction } from 'vitest';
import { Client } from './client';
import { fetchAll } from './fetch';

vi.mock('./client');
vi.mock('./fetch');

const MockClient = Client as MockedClass<typeof Client>;
const mockFetch = fetchAll as MockedFunction<typeof fetchAll>;
const handler: Mock<(...args: [number]) => Promise<string>> = vi.fn();
const deps = {} as Mocked<{ run(): void }>;

test('types only', () => {
  expect([MockClient, mockFetch, handler, deps]).toHaveLength(4);
});
