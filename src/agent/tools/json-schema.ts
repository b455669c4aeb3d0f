/**
 * The JSON schema sent to the model, derived from a zod schema (`z.toJSONSchema`), in the
 * shape OpenAI strict mode accepts (tools with `strict: true`, `response_format` json_schema):
 * at every object level each property is listed in `required` and `additionalProperties` is
 * false; an optional field must be nullable in zod (`.nullable().optional()`) and goes on the
 * wire as a required nullable field. Only structural keywords and descriptions are sent — value
 * checks such as `minLength` or `exclusiveMinimum` are not accepted by every provider in strict
 * mode, so zod alone enforces them when the arguments come back.
 */
import { z } from 'zod';
import { GodwitError } from '../../errors.js';

type JsonSchema = Record<string, unknown>;

/** Keywords kept on the wire; everything else (`$schema`, value checks) is dropped. */
const WIRE_KEYWORDS = new Set(['type', 'description', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const', 'anyOf']);

const cache = new WeakMap<z.ZodType, JsonSchema>();

/** The strict wire schema of `schema` (computed once per schema; treat the result as read-only). */
export function strictJsonSchema(schema: z.ZodType): JsonSchema {
  let wire = cache.get(schema);
  if (!wire) {
    wire = toWire(z.toJSONSchema(schema, { io: 'input', target: 'draft-07', unrepresentable: 'throw' }) as JsonSchema, '');
    cache.set(schema, wire);
  }
  return wire;
}

function toWire(node: JsonSchema, at: string): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) if (WIRE_KEYWORDS.has(key)) out[key] = value;
  if (Array.isArray(out.anyOf)) return collapseTypeUnion({ ...out, anyOf: out.anyOf.map((member: JsonSchema, i) => toWire(member, `${at}/anyOf/${i}`)) });
  if (out.items && typeof out.items === 'object') out.items = toWire(out.items as JsonSchema, `${at}/items`);
  if (out.type === 'object') return strictObject(out, at);
  return out;
}

function strictObject(node: JsonSchema, at: string): JsonSchema {
  const properties = (node.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((node.required ?? []) as string[]);
  const wired: Record<string, JsonSchema> = {};
  for (const [name, property] of Object.entries(properties)) {
    const wire = toWire(property, `${at}/${name}`);
    if (!required.has(name) && !acceptsNull(wire)) {
      throw new GodwitError(
        'internal',
        `the optional field ${at}/${name} is not nullable, so strict mode cannot express it`,
        'declare optional tool/judge fields as .nullable().optional() in the zod schema',
      );
    }
    wired[name] = wire;
  }
  return { ...node, properties: wired, required: Object.keys(wired), additionalProperties: false };
}

function acceptsNull(node: JsonSchema): boolean {
  const types = Array.isArray(node.type) ? node.type : [node.type];
  return types.includes('null') || (Array.isArray(node.anyOf) && (node.anyOf as JsonSchema[]).some(acceptsNull));
}

/** `anyOf: [{type: 'integer'}, {type: 'null'}]` → `type: ['integer', 'null']` when the members carry nothing but a type. */
function collapseTypeUnion(node: JsonSchema): JsonSchema {
  const members = node.anyOf as JsonSchema[];
  if (!members.every((m) => Object.keys(m).length === 1 && typeof m.type === 'string')) return node;
  const { anyOf: _members, ...rest } = node;
  return { ...rest, type: members.map((m) => m.type as string) };
}
