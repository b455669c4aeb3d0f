/**
 * @jest-environment jsdom
 */
import { expect, test } from 'vitest';
test('has a document', () => {
  expect(document.createElement('div')).toBeTruthy();
});
