const { parseArgs } = require('./args');
const { countFile } = require('./count');
const formatRow = require('./format');

export function main(argv: string[], write: (line: string) => void): number {
  const options = parseArgs(argv);
  if (options.files.length === 0) {
    write('usage: wc-lite [-l] [-w] file…');
    return 2;
  }
  for (const file of options.files) write(formatRow(file, countFile(file), options));
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2), (line) => console.log(line));
