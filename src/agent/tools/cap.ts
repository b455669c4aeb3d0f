/**
 * The cap on every tool result sent to the model (default 64 KB): a 20 MB one-line file, a
 * runaway reference list or a huge compiler output must not become a 20 MB request. The cut
 * is on a UTF-8 character boundary and says how to get the rest.
 */
export const DEFAULT_MAX_RESULT_BYTES = 64 * 1024;

export function capToolResult(text: string, maxBytes: number, hint = 'ask for a line range (read_file with startLine/endLine)'): string {
  const bytes = Buffer.byteLength(text);
  if (bytes <= maxBytes) return text;
  const note = `\n… [truncated at ${maxBytes} bytes of ${bytes}; ${hint}]`;
  const keep = Math.max(0, maxBytes - Buffer.byteLength(note));
  return cutUtf8(text, keep) + note;
}

/** The longest prefix of `text` whose UTF-8 encoding fits in `maxBytes`. */
export function cutUtf8(text: string, maxBytes: number): string {
  const buf = Buffer.from(text.slice(0, maxBytes), 'utf8');
  if (buf.length <= maxBytes) return text.slice(0, maxBytes);
  let end = maxBytes;
  // Step back over continuation bytes (10xxxxxx) so no character is split.
  while (end > 0 && (buf[end]! & 0xc0) === 0x80) end--;
  return buf.subarray(0, end).toString('utf8');
}
