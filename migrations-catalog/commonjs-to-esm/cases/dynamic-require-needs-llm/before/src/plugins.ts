const path = require('path');

export function loadPlugin(name: string): unknown {
  return require(path.join(__dirname, 'plugins', name));
}
