/**
 * GitHub's official OpenAPI description (@octokit/openapi, api.github.com.json, OpenAPI 3.0.3)
 * as schemas ajv (JSON Schema draft-07) reads the way GitHub means them. A schema is rewritten
 * the first time an operation needs it, with every component schema it reaches:
 * - `nullable: true` (OpenAPI 3.0, not JSON Schema) becomes `type: [t, 'null']` (plus `null` in
 *   an `enum`), or `anyOf: [{ type: 'null' }, schema]` where the schema has no `type`;
 * - `oneOf` becomes `anyOf`: GitHub's branches overlap (a full repository also matches the
 *   minimal one, an app-authored item matches both user shapes), so "exactly one" would reject
 *   real responses; "at least one" is what the description can promise;
 * - a `$ref` to "#/components/schemas/x" becomes `SCHEMAS + x`, the id x is registered under;
 * - formats: date-time and uri are checked (ajv-formats); the others GitHub names (int64,
 *   email, uri-template, repo.nwo, ...) are registered as "anything goes".
 * Only what is used gets rewritten and compiled: the whole description (13 MB) is parsed, not walked.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import formatsPlugin from 'ajv-formats';

type Schema = Record<string, unknown>;
type Content = Record<string, { schema?: Schema }>;
export interface Operation {
  operationId?: string;
  requestBody?: { content?: Content; required?: boolean };
  responses?: Record<string, { content?: Content; $ref?: string }>;
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; responses?: Record<string, { content?: Content }> };
}

const SCHEMAS = 'https://api.github.com/openapi/components/schemas/';
const LOCAL = '#/components/schemas/';
/** Values, not schemas: nothing in them is rewritten. */
const DATA_KEYS = new Set(['example', 'examples', 'enum', 'default', 'const']);

let state: { spec: Spec; ajv: Ajv; registered: Set<string> } | undefined;

function loaded(): NonNullable<typeof state> {
  if (!state) {
    const require = createRequire(import.meta.url); // named so: knip sees the dependency in require.resolve
    const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
    // strict: false — the description carries OpenAPI keywords JSON Schema does not know
    // (example, discriminator, x-github), and object keywords without `type: object`.
    // inlineRefs: false — GitHub's schemas reference the same components many times over;
    // calling one compiled function per component compiles a pull request 4x faster than inlining.
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, inlineRefs: false });
    // ajv-formats is CommonJS: under NodeNext its default export arrives as the module object.
    formatsPlugin.default(ajv, ['date-time', 'uri']);
    state = { spec: JSON.parse(readFileSync(file, 'utf8')) as Spec, ajv, registered: new Set() };
  }
  return state;
}

export function githubSpec(): Spec {
  return loaded().spec;
}

export function githubAjv(): Ajv {
  return loaded().ajv;
}

/** Rewrites, then registers, component schema `name` (once; a cycle meets the name already marked). */
function register(name: string): void {
  const { spec, ajv, registered } = loaded();
  if (registered.has(name)) return;
  registered.add(name);
  const schema = spec.components.schemas[name];
  if (!schema) throw new Error(`GitHub's description has no schema ${name}`);
  ajv.addSchema(walk(schema), SCHEMAS + name);
}

/** Rewrites one schema object whose children are rewritten already. */
function rewrite(node: Schema): Schema {
  if (typeof node.$ref === 'string' && node.$ref.startsWith(LOCAL)) {
    const name = node.$ref.slice(LOCAL.length);
    node.$ref = SCHEMAS + name;
    register(name);
  }
  if (Array.isArray(node.oneOf)) {
    node.anyOf = node.oneOf;
    delete node.oneOf;
  }
  const { ajv } = loaded();
  if (typeof node.format === 'string' && !ajv.formats[node.format]) ajv.addFormat(node.format, true);
  if (node.nullable !== true) return node;
  const { nullable: _nullable, ...rest } = node;
  if (typeof rest.type === 'string') {
    const enumValues = Array.isArray(rest.enum) && !rest.enum.includes(null) ? { enum: [...rest.enum, null] } : {};
    return { ...rest, type: [rest.type, 'null'], ...enumValues };
  }
  const constrained = Object.keys(rest).some((k) => !['description', 'title', 'readOnly'].includes(k));
  return constrained ? { anyOf: [{ type: 'null' }, rest] } : rest;
}

/** `isMap`: the node maps names to schemas (`properties`), so a key like "default" is a name. */
function walk(node: Schema, isMap = false): Schema {
  for (const [key, value] of Object.entries(node)) {
    if (typeof value !== 'object' || value === null || (!isMap && DATA_KEYS.has(key))) continue;
    node[key] = Array.isArray(value) ? value.map((item: unknown) => (isSchema(item) ? walk(item) : item)) : walk(value as Schema, key === 'properties' && !isMap);
  }
  return isMap ? node : rewrite(node);
}

function isSchema(node: unknown): node is Schema {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

const rewritten = new WeakMap<Schema, Schema>();

/** `schema` (from an operation of the description) as ajv reads it, its components registered. */
export function jsonSchema(schema: Schema): Schema {
  let result = rewritten.get(schema);
  if (!result) {
    result = walk(schema);
    rewritten.set(schema, result);
    rewritten.set(result, result);
  }
  return result;
}
