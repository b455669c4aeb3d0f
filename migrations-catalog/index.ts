/**
 * The explicit registry of migrations: one import and one entry per folder. Append new
 * migrations here; test/catalog/registry.test.ts checks that entries and folders match.
 */
import type { CatalogEntry } from '../src/catalog/entry.js';
import nodeProtocolImports from './node-protocol-imports/index.js';
import jestToVitest from './jest-to-vitest/index.js';
import commonjsToEsm from './commonjs-to-esm/index.js';
import momentToDayjs from './moment-to-dayjs/index.js';
import enzymeToRtl from './enzyme-to-rtl/index.js';

export const migrations: CatalogEntry[] = [
  { folder: 'node-protocol-imports', definition: nodeProtocolImports },
  { folder: 'jest-to-vitest', definition: jestToVitest },
  { folder: 'commonjs-to-esm', definition: commonjsToEsm },
  { folder: 'moment-to-dayjs', definition: momentToDayjs },
  { folder: 'enzyme-to-rtl', definition: enzymeToRtl },
];
