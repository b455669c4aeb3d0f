import { readFileSync } from 'fs';
import * as path from 'path';
import type { EventEmitter } from 'events';

export type Config = Record<string, string>;

/** Parses `key=value` lines; `#` starts a comment. */
export function parseConfig(text: string): Config {
  const config: Config = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*/, '').trim();
    const eq = line.indexOf('=');
    if (eq > 0) config[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return config;
}

export function readConfig(dir: string, name = 'app.conf'): Config {
  return parseConfig(readFileSync(path.join(dir, name), 'utf8'));
}

export function announce(events: EventEmitter, config: Config): void {
  events.emit('config', Object.keys(config).length);
}
