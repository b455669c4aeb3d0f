import { Client } from './client';
import { fetchAll } from './fetch';

jest.mock('./client');
jest.mock('./fetch');

const MockClient = Client as jest.MockedClass<typeof Client>;
const mockFetch = fetchAll as jest.MockedFunction<typeof fetchAll>;
const handler: jest.Mock<Promise<string>, [number]> = jest.fn();
const deps = {} as jest.Mocked<{ run(): void }>;

test('types only', () => {
  expect([MockClient, mockFetch, handler, deps]).toHaveLength(4);
});
