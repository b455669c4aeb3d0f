import { readFileSync } from 'fs';
import path from 'path';

const FIXTURES = path.join(__dirname, '..', '__fixtures__');

/** Reads a JSON fixture from src/__fixtures__, so tests share sample data instead of inlining it. */
export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as T;
}
