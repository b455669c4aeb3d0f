jest.mock('virtual-config', () => ({ port: 1 }), { virtual: true });
jest.mock('./real', () => ({ ok: true }));

test('reads', () => {
  expect(require('virtual-config').port).toBe(1);
});
