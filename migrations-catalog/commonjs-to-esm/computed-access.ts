/**
 * Computed-key reads of a converted require binding. In a TypeScript file, `const x =
 * require('m')` gives `x` the type `any`; the import that replaces it is typed. Under
 * noImplicitAny (`strict`), `x[key]` with a `string` key then becomes TS7053 ("expression of type
 * 'string' can't be used to index type 'typeof import(...)'"), so the codemod rewrites:
 * - a read whose key has exactly the type `string` → `x[key as keyof typeof x]`: the same code
 *   at run time (the assertion is erased), typed as the union of the module's values where it was
 *   `any`; code relying on `any` downstream fails the gate's type check, never silently;
 * - a key typed by string literals: untouched (the access type-checks when the module exports
 *   that name, and fails the gate by name when it does not);
 * - any other key type (number, any, a union…), and any computed-key write (`x[k] = v`,
 *   `delete x[k]`, `x[k]++`): left to the agent with the key's type in the reason.
 * Without noImplicitAny (or with suppressImplicitAnyIndexErrors) a read is implicitly `any`, as
 * it was: nothing to do there except writes into a namespace import (read-only in ES modules).
 * The key's type comes from the type checker, asked only when a file has such an access.
 */
import { Node, SyntaxKind, type ElementAccessExpression, type Project, type SourceFile } from 'ts-morph';

/** A top-level binding that a converted `require()` declared, and the import it becomes. */
export interface RequireBinding {
  name: string;
  /** Its declaration (a VariableDeclaration or BindingElement): the symbol tells shadowing apart. */
  declaration: Node;
  /** `import * as name`: a read-only module namespace object. */
  namespace: boolean;
  spec: string;
}

export interface ComputedAccessPlan {
  /** Rewrites applied to the file (key → `key as keyof typeof x`). */
  casts: number;
  /** Element accesses left to the agent: their text (to place them) and why. */
  leftovers: Array<{ text: string; reason: string }>;
}

const LITERAL_KEYS = new Set([SyntaxKind.StringLiteral, SyntaxKind.NoSubstitutionTemplateLiteral, SyntaxKind.NumericLiteral]);

/** Is `node` written to: `node = v`, `node += v`, `node++`, `delete node`, a destructuring target? */
function isWritten(node: Node): boolean {
  const parent = node.getParent();
  if (!parent) return false;
  if (Node.isBinaryExpression(parent) && parent.getLeft() === node) {
    const op = parent.getOperatorToken().getKind();
    return op >= SyntaxKind.FirstAssignment && op <= SyntaxKind.LastAssignment;
  }
  if (Node.isPrefixUnaryExpression(parent) || Node.isPostfixUnaryExpression(parent)) {
    const op = parent.getOperatorToken();
    return op === SyntaxKind.PlusPlusToken || op === SyntaxKind.MinusMinusToken;
  }
  if (Node.isDeleteExpression(parent)) return true;
  if (Node.isParenthesizedExpression(parent)) return isWritten(parent);
  // [x[k]] = pair, ({ a: x[k] } = obj), for (x[k] of …)
  if (Node.isArrayLiteralExpression(parent) || Node.isPropertyAssignment(parent) || Node.isSpreadElement(parent)) {
    return parent.getFirstAncestor((a) => Node.isBinaryExpression(a) && a.getOperatorToken().getKind() === SyntaxKind.EqualsToken) !== undefined;
  }
  if (Node.isForOfStatement(parent) || Node.isForInStatement(parent)) return parent.getInitializer() === node;
  return false;
}

/** Is the key's type made of string literals only ('a', 'a' | 'b')? */
function literalKeyType(access: ElementAccessExpression): boolean {
  const type = access.getArgumentExpressionOrThrow().getType();
  const parts = type.isUnion() ? type.getUnionTypes() : [type];
  return parts.every((t) => t.isStringLiteral());
}

/** `key as keyof typeof x`, parenthesised unless the key is a simple operand. */
function castText(key: Node, name: string): string {
  const simple = Node.isIdentifier(key) || Node.isPropertyAccessExpression(key) || Node.isElementAccessExpression(key) || Node.isCallExpression(key) || Node.isTemplateExpression(key) || Node.isParenthesizedExpression(key);
  return `${simple ? key.getText() : `(${key.getText()})`} as keyof typeof ${name}`;
}

/**
 * Rewrites (or leaves to the agent) the computed-key accesses of `bindings` in `sf`, on the
 * original file before its require statements are replaced.
 */
export function convertComputedAccesses(project: Project, sf: SourceFile, bindings: RequireBinding[]): ComputedAccessPlan {
  const plan: ComputedAccessPlan = { casts: 0, leftovers: [] };
  if (bindings.length === 0) return plan;
  const options = project.getCompilerOptions();
  const implicitAnyErrors = (options.noImplicitAny ?? options.strict ?? false) && (options as Record<string, unknown>).suppressImplicitAnyIndexErrors !== true;
  const byName = new Map(bindings.map((b) => [b.name, b]));
  const candidates = sf.getDescendantsOfKind(SyntaxKind.ElementAccessExpression).filter((a) => {
    const target = a.getExpression();
    const key = a.getArgumentExpression();
    return Node.isIdentifier(target) && byName.has(target.getText()) && key !== undefined && !LITERAL_KEYS.has(key.getKind());
  });
  if (candidates.length === 0) return plan;
  const casts: Array<[Node, string]> = [];
  for (const access of candidates) {
    const target = access.getExpression();
    const binding = byName.get(target.getText())!;
    // The same name may be a parameter or local of a function: only the require's binding counts.
    const declared = target.getSymbol()?.getDeclarations() ?? [];
    if (!declared.includes(binding.declaration)) continue;
    const key = access.getArgumentExpressionOrThrow();
    const what = `\`${access.getText()}\` (${binding.namespace ? 'namespace' : 'import'} of '${binding.spec}', was \`any\` as a require())`;
    if (isWritten(access)) {
      if (binding.namespace || implicitAnyErrors) plan.leftovers.push({ text: access.getText(), reason: `${what} is written through a computed key: an ES module's exports cannot be assigned from outside it; keep the state in a local object or export a setter` });
      continue;
    }
    if (!implicitAnyErrors) continue;
    const type = key.getType();
    if (type.isString()) {
      casts.push([key, binding.name]);
      continue;
    }
    if (literalKeyType(access)) continue;
    plan.leftovers.push({
      text: access.getText(),
      reason: `${what} is indexed with a key of type \`${type.getText(key)}\`: the typed import needs a key of \`keyof typeof ${binding.name}\` (TS7053 under noImplicitAny); narrow the key or type the lookup`,
    });
  }
  // Last first, so a key holding another rewritten access (`x[x[k]]`) is rewritten after it.
  for (const [key, name] of casts.reverse()) {
    key.replaceWithText(castText(key, name));
    plan.casts++;
  }
  return plan;
}
