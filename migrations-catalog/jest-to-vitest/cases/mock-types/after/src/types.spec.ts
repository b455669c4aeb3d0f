import { expect, it, vi, type Mock, type MockInstance, type Mocked } from 'vitest';
import * as api from './api';

vi.mock('./api');

const mockedApi = api as Mocked<typeof api>;
const parse: Mock<(...args: [string]) => number> = vi.fn((s: string) => Number(s));
let spy: MockInstance;

it('types the mocks', () => {
  spy = vi.spyOn(console, 'log');
  mockedApi.load.mockResolvedValue('ok');
  expect(parse('2')).toBe(2);
  expect(spy).not.toHaveBeenCalled();
});
