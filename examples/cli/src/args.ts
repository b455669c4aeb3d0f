import path = require('path');
import types = require('./types');

/** Parses `[-l] [-w] file…`; with neither flag both counts are shown. */
function parseArgs(argv: string[]): types.Options {
  const flags = argv.filter((a) => a.startsWith('-'));
  const files = argv.filter((a) => !a.startsWith('-')).map((f) => path.normalize(f));
  const lines = flags.includes('-l');
  const words = flags.includes('-w');
  return { files, lines: lines || !words, words: words || !lines };
}

exports.parseArgs = parseArgs;
