jest.mock('child_process', () => ({
  ...jest.requireActual('child_process'),
  execSync: jest.fn(() => 'ok'),
}));
const { execSync } = require('child_process');
const mocked = jest.requireMock('child_process');

test('exec', () => {
  expect(execSync('ls')).toBe('ok');
  expect(mocked.execSync).toHaveBeenCalled();
});
