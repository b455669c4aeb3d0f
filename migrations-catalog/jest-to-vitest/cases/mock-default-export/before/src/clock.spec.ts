import now from './clock';

jest.mock('./clock', () => ({
  __esModule: true,
  default: jest.fn(() => 0),
}));

it('is mocked', () => {
  expect(now()).toBe(0);
});
