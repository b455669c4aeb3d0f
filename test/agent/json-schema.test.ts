import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { judgeAnswerSchema } from '../../src/agent/judge.js';
import { strictJsonSchema } from '../../src/agent/tools/json-schema.js';
import { TOOLS, toOpenAiTool } from '../../src/agent/tools/index.js';

type Schema = Record<string, unknown>;
const WIRE_KEYWORDS = ['type', 'description', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const', 'anyOf'];

/** Every object level of a wire schema, with its JSON pointer. */
function objects(node: Schema, at = ''): Array<[string, Schema]> {
  const found: Array<[string, Schema]> = node.type === 'object' ? [[at, node]] : [];
  for (const [name, p] of Object.entries((node.properties ?? {}) as Record<string, Schema>)) found.push(...objects(p, `${at}/${name}`));
  if (node.items) found.push(...objects(node.items as Schema, `${at}/items`));
  for (const [i, m] of ((node.anyOf ?? []) as Schema[]).entries()) found.push(...objects(m, `${at}/anyOf/${i}`));
  return found;
}

/** Validates `value` against the keywords the wire schema may carry (exactly the ones above). */
function conforms(s: Schema, value: unknown): boolean {
  for (const key of Object.keys(s)) if (!WIRE_KEYWORDS.includes(key)) throw new Error(`unexpected keyword ${key}`);
  if (s.anyOf && !(s.anyOf as Schema[]).some((m) => conforms(m, value))) return false;
  if (s.enum && !(s.enum as unknown[]).includes(value)) return false;
  if ('const' in s && s.const !== value) return false;
  if (s.type !== undefined && !(Array.isArray(s.type) ? s.type : [s.type]).some((t: string) => hasType(t, value))) return false;
  if (Array.isArray(value) && s.items) return value.every((v) => conforms(s.items as Schema, v));
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return true;
  const props = (s.properties ?? {}) as Record<string, Schema>;
  const obj = value as Record<string, unknown>;
  if (((s.required ?? []) as string[]).some((k) => !(k in obj))) return false;
  if (s.additionalProperties === false && Object.keys(obj).some((k) => !(k in props))) return false;
  return Object.entries(obj).every(([k, v]) => !props[k] || conforms(props[k], v));
}

function hasType(t: string, v: unknown): boolean {
  if (t === 'null') return v === null;
  if (t === 'integer') return Number.isInteger(v);
  if (t === 'array') return Array.isArray(v);
  if (t === 'object') return typeof v === 'object' && v !== null && !Array.isArray(v);
  return typeof v === t;
}

const WIRE = [
  ...TOOLS.map((t) => [t.name, toOpenAiTool(t).function.parameters as Schema, t.schema] as const),
  ['judge', strictJsonSchema(judgeAnswerSchema), judgeAnswerSchema] as const,
];

describe('wire JSON schemas derived from zod', () => {
  it('are strict-mode valid at every object level, carry no $schema, and keep the field descriptions of tools', () => {
    expect(WIRE.map(([name]) => name).sort()).toEqual(['create_file', 'delete_file', 'edit_file', 'find_references', 'finish', 'judge', 'read_file']);
    for (const [name, wire] of WIRE) {
      expect(wire.$schema, name).toBeUndefined();
      for (const [at, obj] of objects(wire)) {
        expect(obj.additionalProperties, `${name}${at}`).toBe(false);
        expect([...(obj.required as string[])].sort(), `${name}${at}`).toEqual(Object.keys(obj.properties as object).sort());
      }
      if (name === 'judge') continue;
      for (const [field, p] of Object.entries(wire.properties as Record<string, Schema>)) expect(p.description, `${name}.${field}`).toEqual(expect.any(String));
    }
    for (const tool of TOOLS) expect(toOpenAiTool(tool).function.strict).toBe(true);
  });

  it('accept and reject sample arguments the same as zod (shape), and differ only where documented (value checks, omitted nullable)', () => {
    const samples: Record<string, { same: unknown[]; zodOnlyRejects?: unknown[]; wireOnlyRejects?: unknown[] }> = {
      read_file: {
        same: [{ path: 'a.ts', startLine: 1, endLine: null }, { path: 'a.ts', startLine: null, endLine: null }, { path: 'a.ts', startLine: '1', endLine: null }, { path: 'a.ts', startLine: 1.5, endLine: null }, { path: 'a.ts', startLine: null, endLine: null, extra: 1 }, {}],
        zodOnlyRejects: [{ path: '', startLine: null, endLine: null }, { path: 'a.ts', startLine: 0, endLine: null }],
        wireOnlyRejects: [{ path: 'a.ts' }],
      },
      edit_file: { same: [{ path: 'a', search: 'x', replace: '' }, { path: 'a', search: 'x' }, { path: 'a', search: 1, replace: '' }, { path: 'a', search: 'x', replace: '', more: true }] },
      create_file: { same: [{ path: 'a', content: '' }, { path: 'a', content: null }, { path: 'a' }] },
      delete_file: { same: [{ path: 'a' }, { path: 3 }, { path: 'a', force: true }], zodOnlyRejects: [{ path: '' }] },
      find_references: { same: [{ path: 'a', line: 1, column: 2 }, { path: 'a', line: 1.5, column: 2 }, { path: 'a', line: 1 }], zodOnlyRejects: [{ path: 'a', line: -1, column: 2 }] },
      finish: { same: [{ report: 'done' }, { report: null }, {}], zodOnlyRejects: [{ report: '' }] },
      judge: {
        same: [{ verdict: 'pass', reasons: [] }, { verdict: 'fail', reasons: ['x', 'y'] }, { verdict: 'maybe', reasons: [] }, { verdict: 'pass', reasons: [1] }, { verdict: 'pass', reasons: 'x' }, { verdict: 'pass' }],
      },
    };
    for (const [name, wire, schema] of WIRE) {
      const sample = samples[name];
      expect(sample, name).toBeDefined();
      for (const args of sample?.same ?? []) expect(conforms(wire, args), `${name} ${JSON.stringify(args)}`).toBe(schema.safeParse(args).success);
      expect(sample?.same.some((args) => schema.safeParse(args).success), `${name}: a valid sample`).toBe(true);
      expect(sample?.same.some((args) => !schema.safeParse(args).success), `${name}: an invalid sample`).toBe(true);
      for (const args of sample?.zodOnlyRejects ?? []) expect([conforms(wire, args), schema.safeParse(args).success], `${name} ${JSON.stringify(args)}`).toEqual([true, false]);
      for (const args of sample?.wireOnlyRejects ?? []) expect([conforms(wire, args), schema.safeParse(args).success], `${name} ${JSON.stringify(args)}`).toEqual([false, true]);
    }
  });

  it('makes nested objects strict, keeps non-trivial unions as anyOf, and refuses an optional field that is not nullable', () => {
    const nested = z.object({
      edits: z.array(z.object({ at: z.number().int(), note: z.string().nullable().optional() }).strict()),
      target: z.union([z.object({ file: z.string() }).strict(), z.literal('all')]),
    });
    const wire = strictJsonSchema(nested);
    expect(objects(wire).map(([at]) => at)).toEqual(['', '/edits/items', '/target/anyOf/0']);
    for (const [, obj] of objects(wire)) expect(obj.additionalProperties).toBe(false);
    expect((wire.properties as Record<string, Schema>).edits).toEqual({
      type: 'array',
      items: { type: 'object', properties: { at: { type: 'integer' }, note: { type: ['string', 'null'] } }, required: ['at', 'note'], additionalProperties: false },
    });
    expect(conforms(wire, { edits: [{ at: 1, note: null }], target: 'all' })).toBe(true);
    expect(conforms(wire, { edits: [{ at: 1, note: null, x: 1 }], target: 'all' })).toBe(false);
    expect(strictJsonSchema(nested)).toBe(wire);
    expect(() => strictJsonSchema(z.object({ a: z.string().optional() }))).toThrow(/\/a is not nullable/);
    expect(() => strictJsonSchema(z.object({ when: z.date() }))).toThrow();
  });
});
