// Tests for the URL parser.
// Each case mirrors an RFC 3986 example.
import { parseUrl } from './url';

describe('parseUrl', () => {
  it('reads the scheme', () => {
    expect(parseUrl('https://a.b').scheme).toBe('https');
  });
});
