import fs = require('fs');
import types = require('./types');

function countText(text: string): types.Counts {
  const trimmed = text.trim();
  return {
    lines: text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0),
    words: trimmed === '' ? 0 : trimmed.split(/\s+/).length,
  };
}

function countFile(file: string): types.Counts {
  return countText(fs.readFileSync(file, 'utf8'));
}

module.exports = { countText, countFile };
