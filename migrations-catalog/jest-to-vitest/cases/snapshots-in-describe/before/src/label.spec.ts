import { label } from './label';

describe('label', () => {
  describe('with a count', () => {
    it('renders', () => {
      expect(label('inbox', 3)).toMatchSnapshot();
      expect(label('inbox', 0)).toMatchSnapshot('empty');
    });
  });
  it('renders twice', () => {
    expect(label('a', 1)).toMatchSnapshot();
    expect(label('b', 2)).toMatchSnapshot();
  });
});

test('top level', () => {
  expect({ text: label('x', 1) }).toMatchSnapshot();
});
