function parseArgs(argv: string[]) {
  return argv.slice(2);
}

export { parseArgs as parse };
