/**
 * A small validator of fake-GitHub responses against GitHub's official OpenAPI description
 * (@octokit/openapi, api.github.com.json, OpenAPI 3.0.3). It understands what GitHub's
 * description uses: $ref, nullable, type, properties/required, additionalProperties, items,
 * enum, allOf/anyOf/oneOf and the date-time/uri formats. `oneOf` is checked as "at least one
 * branch matches": GitHub's branches overlap, so exactly-one would reject real responses.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

type Schema = Record<string, unknown>;
interface Spec {
  paths: Record<
    string,
    Record<
      string,
      {
        operationId?: string;
        requestBody?: { content?: Record<string, { schema?: Schema }>; required?: boolean };
        responses?: Record<string, { content?: Record<string, { schema?: Schema }>; $ref?: string }>;
      }
    >
  >;
  components: { schemas: Record<string, Schema>; responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> };
}

let cached: Spec | undefined;
export function loadGithubSpec(): Spec {
  if (!cached) {
    const require = createRequire(import.meta.url);
    const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
    cached = JSON.parse(readFileSync(file, 'utf8')) as Spec;
  }
  return cached;
}

function resolveRef<T>(spec: Spec, ref: string): T {
  const parts = ref.replace(/^#\//, '').split('/');
  let node: unknown = spec;
  for (const p of parts) node = (node as Record<string, unknown>)[p.replace(/~1/g, '/').replace(/~0/g, '~')];
  if (node === undefined) throw new Error(`unresolvable $ref ${ref}`);
  return node as T;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

export function validateAgainst(spec: Spec, schema: Schema, value: unknown, at = '$', errors: string[] = []): string[] {
  if (typeof schema.$ref === 'string') return validateAgainst(spec, resolveRef<Schema>(spec, schema.$ref), value, at, errors);
  if (value === null) {
    if (schema.nullable === true) return errors;
    const branches = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
    if (branches?.some((b) => validateAgainst(spec, b, null).length === 0)) return errors;
    if (schema.type === undefined && !schema.allOf && !branches && !schema.enum) return errors;
    errors.push(`${at}: null is not allowed`);
    return errors;
  }
  if (Array.isArray(schema.allOf)) for (const s of schema.allOf as Schema[]) validateAgainst(spec, s, value, at, errors);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = schema[key] as Schema[] | undefined;
    if (!branches) continue;
    const results = branches.map((b) => validateAgainst(spec, b, value, at));
    if (!results.some((r) => r.length === 0)) {
      const best = results.reduce((a, b) => (b.length < a.length ? b : a));
      errors.push(`${at}: matches no ${key} branch; closest: ${best.slice(0, 3).join(' | ')}`);
    }
  }
  if (Array.isArray(schema.enum) && !(schema.enum as unknown[]).includes(value)) {
    errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }
  const type = schema.type as string | undefined;
  const actual = typeOf(value);
  if (type) {
    const ok =
      type === actual ||
      (type === 'integer' && actual === 'number' && Number.isInteger(value)) ||
      (type === 'number' && actual === 'number');
    if (!ok) {
      errors.push(`${at}: expected ${type}, got ${actual}`);
      return errors;
    }
  }
  if (actual === 'string') {
    const s = value as string;
    if (schema.format === 'date-time' && Number.isNaN(Date.parse(s))) errors.push(`${at}: "${s}" is not a date-time`);
    if (schema.format === 'uri' && !URL.canParse(s)) errors.push(`${at}: "${s}" is not a uri`);
  }
  if (actual === 'object' && (type === 'object' || schema.properties)) {
    const obj = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const req of (schema.required ?? []) as string[]) if (!(req in obj)) errors.push(`${at}: missing required "${req}"`);
    for (const [k, v] of Object.entries(obj)) {
      if (props[k]) validateAgainst(spec, props[k], v, `${at}.${k}`, errors);
      else if (schema.additionalProperties === false) errors.push(`${at}: unexpected property "${k}"`);
      else if (typeof schema.additionalProperties === 'object') validateAgainst(spec, schema.additionalProperties as Schema, v, `${at}.${k}`, errors);
    }
  }
  if (actual === 'array' && schema.items) {
    (value as unknown[]).forEach((item, i) => validateAgainst(spec, schema.items as Schema, item, `${at}[${i}]`, errors));
  }
  return errors;
}

interface Route {
  template: string;
  regex: RegExp;
  literals: number;
}
let routes: Route[] | undefined;

/** The OpenAPI path template a concrete request path belongs to (literal segments win). */
export function matchPathTemplate(pathname: string): string | undefined {
  routes ??= Object.keys(loadGithubSpec().paths).map((template) => {
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

/**
 * Validates one response body. Statuses the operation does not describe (e.g. a 502 from a
 * proxy, a secondary-rate-limit 403 on a read) are checked against GitHub's `basic-error`.
 */
export function validateResponse(method: string, pathname: string, status: number, body: unknown): ResponseCheck {
  const spec = loadGithubSpec();
  const template = matchPathTemplate(pathname);
  const base = { method, path: pathname, template, status };
  if (!template) return { ...base, against: 'nothing', errors: [`no operation in GitHub's OpenAPI description for ${method} ${pathname}`] };
  const op = spec.paths[template]?.[method.toLowerCase()];
  if (!op) return { ...base, against: 'nothing', errors: [`GitHub has no ${method} ${template}`] };
  let response = op.responses?.[String(status)];
  if (response?.$ref) response = resolveRef(spec, response.$ref);
  if (status === 204 || status === 304) return { ...base, against: `${op.operationId} ${status}`, errors: body === undefined ? [] : ['body on an empty response'] };
  if (!response) {
    if (status >= 400) {
      return { ...base, against: `basic-error (${op.operationId} does not describe ${status})`, errors: validateAgainst(spec, { $ref: '#/components/schemas/basic-error' }, body) };
    }
    return { ...base, against: 'nothing', errors: [`${op.operationId} does not describe status ${status}`] };
  }
  const schema = response.content?.['application/json']?.schema;
  if (!schema) return { ...base, against: `${op.operationId} ${status}`, errors: body === undefined ? [] : ['operation describes no JSON body'] };
  return { ...base, against: `${op.operationId} ${status}`, errors: validateAgainst(spec, schema, body) };
}

/**
 * Validates a request body godwit sent against the operation's `requestBody` schema. GitHub
 * documents a few bodies as JSON arrays or plain strings (labels); those are checked as given.
 */
export function validateRequestBody(method: string, pathname: string, body: unknown): ResponseCheck {
  const spec = loadGithubSpec();
  const template = matchPathTemplate(pathname);
  const base = { method, path: pathname, template, status: 0 };
  if (!template) return { ...base, against: 'nothing', errors: [`no operation in GitHub's OpenAPI description for ${method} ${pathname}`] };
  const op = spec.paths[template]?.[method.toLowerCase()];
  if (!op) return { ...base, against: 'nothing', errors: [`GitHub has no ${method} ${template}`] };
  const against = `request of ${op.operationId}`;
  const schema = op.requestBody?.content?.['application/json']?.schema;
  if (!schema) return { ...base, against, errors: body === undefined ? [] : [`${op.operationId} takes no JSON body`] };
  if (body === undefined) return { ...base, against, errors: op.requestBody?.required ? ['missing required request body'] : [] };
  const errors = validateAgainst(spec, schema, body);
  // GitHub rejects unknown top-level fields silently; godwit should not send any.
  const resolved = typeof schema.$ref === 'string' ? resolveRef<Schema>(spec, schema.$ref) : schema;
  const props = resolved.properties as Record<string, unknown> | undefined;
  if (props && body && typeof body === 'object' && !Array.isArray(body)) {
    for (const k of Object.keys(body)) if (!(k in props)) errors.push(`$: unknown request field "${k}"`);
  }
  return { ...base, against, errors };
}
