function parseArgs(argv: string[]) {
  return argv.slice(2);
}

exports.parse = parseArgs;
