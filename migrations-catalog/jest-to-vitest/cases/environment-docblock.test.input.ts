/**
 * @jest-environment jsdom
 */
test('has a document', () => {
  expect(document.createElement('div')).toBeTruthy();
});
