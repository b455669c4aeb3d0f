const schemas = require('./schemas');

export function schemaFor(name: string): object {
  return schemas[name];
}

export function requiredOf(kind: 'user' | 'order'): string[] {
  return schemas[kind].required;
}

export function describe(prefix: string, name: string): string {
  return `${prefix}: ${JSON.stringify(schemas[prefix + name])}`;
}
