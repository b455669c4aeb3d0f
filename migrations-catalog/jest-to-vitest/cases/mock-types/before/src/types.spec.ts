import * as api from './api';

jest.mock('./api');

const mockedApi = api as jest.Mocked<typeof api>;
const parse: jest.Mock<number, [string]> = jest.fn((s: string) => Number(s));
let spy: jest.SpyInstance;

it('types the mocks', () => {
  spy = jest.spyOn(console, 'log');
  mockedApi.load.mockResolvedValue('ok');
  expect(parse('2')).toBe(2);
  expect(spy).not.toHaveBeenCalled();
});
