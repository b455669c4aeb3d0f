export function loadPlugin() {
  const plugin = require('./plugin');
  return plugin;
}
