import types = require('./types');

function pad(value: number, width = 8): string {
  return String(value).padStart(width);
}

module.exports = function formatRow(name: string, counts: types.Counts, options: types.Options): string {
  const cells: string[] = [];
  if (options.lines) cells.push(pad(counts.lines));
  if (options.words) cells.push(pad(counts.words));
  return `${cells.join('')} ${name}`;
};
