import util = require('util');
const { words, countWords } = require('./words');

function longest(text: string): string {
  return words(text).reduce((best: string, w: string) => (w.length > best.length ? w : best), '');
}

function report(text: string): string {
  return util.format('%d words, longest: %s', countWords(text), longest(text));
}

module.exports = report;
