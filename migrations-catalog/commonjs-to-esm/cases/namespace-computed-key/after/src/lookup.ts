import * as schemas from './schemas';

export function schemaFor(name: string): object {
  return schemas[name as keyof typeof schemas];
}

export function requiredOf(kind: 'user' | 'order'): string[] {
  return schemas[kind].required;
}

export function describe(prefix: string, name: string): string {
  return `${prefix}: ${JSON.stringify(schemas[(prefix + name) as keyof typeof schemas])}`;
}
