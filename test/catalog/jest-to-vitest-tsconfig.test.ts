/** jest-to-vitest drops `jest` from tsconfig `types` (the migration removes @types/jest). */
import { describe, expect, it } from 'vitest';
import { dropJestTypes } from '../../migrations-catalog/jest-to-vitest/tsconfig-types.js';

describe('dropJestTypes', () => {
  it('keeps the other entries and the layout', () => {
    expect(dropJestTypes('{\n  "compilerOptions": {\n    "types": [\n      "node",\n      "jest"\n    ]\n  }\n}\n')).toBe(
      '{\n  "compilerOptions": {\n    "types": [\n      "node"\n    ]\n  }\n}\n',
    );
    expect(dropJestTypes('{ "compilerOptions": { "types": ["jest", "node", "@types/jest"] } } // c')).toBe('{ "compilerOptions": { "types": ["node"] } } // c');
    expect(dropJestTypes('{ "types": ["jest"] }')).toBe('{ "types": [] }');
  });
  it('leaves a tsconfig without jest alone', () => {
    const text = '{ "compilerOptions": { "types": ["node", "jest-dom"] } }';
    expect(dropJestTypes(text)).toBe(text);
  });
});
