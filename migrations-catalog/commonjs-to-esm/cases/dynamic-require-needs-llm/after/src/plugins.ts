import * as path from 'path';

export async function loadPlugin(name: string): Promise<unknown> {
  return import(path.join(__dirname, 'plugins', name));
}
