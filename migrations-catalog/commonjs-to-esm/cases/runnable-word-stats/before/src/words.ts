import os = require('os');

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

function countWords(text: string): number {
  return words(text).length;
}

function countLines(text: string): number {
  return text === '' ? 0 : text.split(os.EOL).length;
}

module.exports = { words, countWords, countLines };
