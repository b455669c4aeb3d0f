import { expect, it } from 'vitest';
it('renders', () => {
  document.body.innerHTML = '<p>hi</p>';
  expect(document.querySelector('p')).toHaveTextContent('hi');
});
