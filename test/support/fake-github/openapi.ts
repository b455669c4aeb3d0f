/**
 * Checks the fake GitHub's responses (and the request bodies godwit sends it) against GitHub's
 * official OpenAPI description with ajv (openapi-spec.ts). Each operation's schema is compiled
 * the first time a request reaches it; failures are explained as "$.path: what is wrong".
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { githubAjv, githubSpec, jsonSchema, type Operation } from './openapi-spec.js';

type Schema = Record<string, unknown>;

/** ajv caches the compiled function by schema object: an operation is compiled once. */
const compile = (schema: Schema): ValidateFunction => githubAjv().compile(jsonSchema(schema));

/** JSON pointer → "$.owner.labels[0].name". */
function readable(pointer: string): string {
  const segments = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return `$${segments.map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`)).join('')}`;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

function describe(error: ErrorObject, base: string): string {
  const at = readable(base + error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${at}: missing required "${String(params.missingProperty)}"`;
    case 'type':
      if (error.data === null) return `${at}: null is not allowed`;
      return `${at}: expected ${[params.type].flat().join(' or ')}, got ${typeOf(error.data)}`;
    case 'enum':
      return `${at}: ${JSON.stringify(error.data)} is not one of ${JSON.stringify(params.allowedValues)}`;
    case 'additionalProperties':
      return `${at}: unexpected property "${String(params.additionalProperty)}"`;
    case 'format':
      return `${at}: ${JSON.stringify(error.data)} is not a ${String(params.format)}`;
    default:
      return `${at}: ${error.message ?? error.keyword}`;
  }
}

/**
 * Readable errors of `data` against `validate`. ajv reports a failed anyOf (and oneOf, see
 * openapi-spec.ts) as every branch's errors followed by "must match a schema in anyOf"; those
 * become one line naming the closest branch, or, for a nullable schema, that schema's own errors.
 */
function explain(validate: ValidateFunction, data: unknown, base = ''): string[] {
  if (validate(data)) return [];
  const lines: { text: string[]; raw: number }[] = [];
  for (const error of [...(validate.errors ?? [])]) {
    if (error.keyword !== 'anyOf') {
      lines.push({ text: [describe(error, base)], raw: 1 });
      continue;
    }
    const at = base + error.instancePath;
    const branches = (error.schema as Schema[]).map((schema) => ({ schema, validate: compile(schema) }));
    // The branches' own errors come just before, one ajv error each: they are replaced here.
    const raw = branches.reduce((n, b) => n + (b.validate(error.data) ? 0 : (b.validate.errors?.length ?? 0)), 0);
    for (let dropped = 0; dropped < raw && lines.length > 0; ) dropped += lines.pop()!.raw;
    const candidates = branches.filter((b) => b.schema.type !== 'null').map((b) => explain(b.validate, error.data, at));
    const best = candidates.reduce((a, b) => (b.length < a.length ? b : a), candidates[0] ?? []);
    let text = best;
    if (error.data === null) text = [`${readable(at)}: null is not allowed`];
    else if (candidates.length !== 1) text = [`${readable(at)}: matches none of ${candidates.length} alternatives; closest: ${best.slice(0, 3).join(' | ')}`];
    lines.push({ text, raw: raw + 1 });
  }
  return lines.flatMap((line) => line.text);
}

interface Route {
  template: string;
  regex: RegExp;
  literals: number;
}
let routes: Route[] | undefined;

/** The OpenAPI path template a concrete request path belongs to (literal segments win). */
export function matchPathTemplate(pathname: string): string | undefined {
  routes ??= Object.keys(githubSpec().paths).map((template) => {
    const segs = template.split('/');
    return {
      template,
      regex: new RegExp(`^${segs.map((s) => (s.startsWith('{') ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}$`),
      literals: segs.filter((s) => s && !s.startsWith('{')).length,
    };
  });
  const hits = routes.filter((r) => r.regex.test(pathname)).sort((a, b) => b.literals - a.literals);
  return hits[0]?.template;
}

export interface ResponseCheck {
  method: string;
  path: string;
  template: string | undefined;
  status: number;
  /** What the body was checked against, e.g. "pulls/create 201". */
  against: string;
  errors: string[];
}

type Found = { op: Operation; template: string } | { errors: string[] };

function findOperation(method: string, pathname: string): Found {
  const template = matchPathTemplate(pathname);
  if (!template) return { errors: [`no operation in GitHub's OpenAPI description for ${method} ${pathname}`] };
  const op = githubSpec().paths[template]?.[method.toLowerCase()];
  return op ? { op, template } : { errors: [`GitHub has no ${method} ${template}`] };
}

/** A response object, following a `$ref` into components/responses. */
function responseOf(op: Operation, status: number): { content?: Record<string, { schema?: Schema }> } | undefined {
  const response = op.responses?.[String(status)];
  const name = response?.$ref?.match(/#\/components\/responses\/([^/]+)$/)?.[1];
  return name ? githubSpec().components.responses?.[name] : response;
}

const BASIC_ERROR: Schema = { $ref: '#/components/schemas/basic-error' };

/**
 * Validates one response body. Statuses the operation does not describe (e.g. a 502 from a
 * proxy, a secondary-rate-limit 403 on a read) are checked against GitHub's `basic-error`.
 */
export function validateResponse(method: string, pathname: string, status: number, body: unknown): ResponseCheck {
  const found = findOperation(method, pathname);
  const base = { method, path: pathname, template: matchPathTemplate(pathname), status };
  if ('errors' in found) return { ...base, against: 'nothing', errors: found.errors };
  const { op } = found;
  if (status === 204 || status === 304) return { ...base, against: `${op.operationId} ${status}`, errors: body === undefined ? [] : ['body on an empty response'] };
  const response = responseOf(op, status);
  if (!response) {
    if (status < 400) return { ...base, against: 'nothing', errors: [`${op.operationId} does not describe status ${status}`] };
    return { ...base, against: `basic-error (${op.operationId} does not describe ${status})`, errors: explain(compile(BASIC_ERROR), body) };
  }
  const schema = response.content?.['application/json']?.schema;
  if (!schema) return { ...base, against: `${op.operationId} ${status}`, errors: body === undefined ? [] : ['operation describes no JSON body'] };
  return { ...base, against: `${op.operationId} ${status}`, errors: explain(compile(schema), body) };
}

const closedBodies = new WeakMap<Schema, Schema>();

/** GitHub ignores unknown top-level request fields silently; godwit should not send any. */
function closed(schema: Schema): Schema {
  let result = closedBodies.get(schema);
  if (!result) {
    const own = jsonSchema(schema);
    const target = typeof own.$ref === 'string' ? (githubAjv().getSchema(own.$ref)?.schema as Schema) : own;
    result = target.properties && target.additionalProperties === undefined ? { ...target, additionalProperties: false } : own;
    closedBodies.set(schema, result);
  }
  return result;
}

/**
 * Validates a request body godwit sent against the operation's `requestBody` schema. GitHub
 * documents a few bodies as JSON arrays or plain strings (labels); those are checked as given.
 */
export function validateRequestBody(method: string, pathname: string, body: unknown): ResponseCheck {
  const found = findOperation(method, pathname);
  const base = { method, path: pathname, template: matchPathTemplate(pathname), status: 0 };
  if ('errors' in found) return { ...base, against: 'nothing', errors: found.errors };
  const { op } = found;
  const against = `request of ${op.operationId}`;
  const schema = op.requestBody?.content?.['application/json']?.schema;
  if (!schema) return { ...base, against, errors: body === undefined ? [] : [`${op.operationId} takes no JSON body`] };
  if (body === undefined) return { ...base, against, errors: op.requestBody?.required ? ['missing required request body'] : [] };
  return { ...base, against, errors: explain(compile(closed(schema)), body) };
}
