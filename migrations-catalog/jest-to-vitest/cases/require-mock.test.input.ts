jest.mock('./mailer');

test('uses the mock', () => {
  const mailer = jest.requireMock('./mailer');
  mailer.send('x');
  expect(mailer.send).toHaveBeenCalledWith('x');
});
