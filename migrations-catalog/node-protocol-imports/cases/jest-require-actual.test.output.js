jest.mock('node:child_process', () => ({
  ...jest.requireActual('node:child_process'),
  execSync: jest.fn(() => 'ok'),
}));
const { execSync } = require('node:child_process');
const mocked = jest.requireMock('node:child_process');

test('exec', () => {
  expect(execSync('ls')).toBe('ok');
  expect(mocked.execSync).toHaveBeenCalled();
});
