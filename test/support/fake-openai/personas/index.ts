/**
 * Model personas for the scripted endpoint, selectable by name: each reproduces a way real
 * models misbehave, on any task given as exact edits (base.ts). `usePersona(fake, name, task)`
 * makes the fake endpoint answer as that persona. `expect` says how a run with godwit must end:
 * recoverable personas `verified`; the others `failed` with a reason matching `reason`.
 */
import type { FakeOpenAI } from '../server.js';
import { Cooperative, type Persona, type PersonaTask } from './base.js';
import { BlindEdit } from './blind-edit.js';
import { BrokenJson } from './broken-json.js';
import { ContextOverflow } from './context-overflow.js';
import { HallucinatedImport } from './hallucinated-import.js';
import { HallucinatedPath } from './hallucinated-path.js';
import { Looper } from './looper.js';
import { Quitter } from './quitter.js';
import { ReasoningModel } from './reasoning-model.js';
import { ScopeCreeper } from './scope-creeper.js';
import { StaleSearch } from './stale-search.js';

export interface PersonaSpec {
  describe: string;
  expect: { status: 'verified' } | { status: 'failed'; reason: RegExp };
  create(task: PersonaTask): Persona;
}

export const PERSONAS = {
  cooperative: { describe: 'reads, edits, finishes', expect: { status: 'verified' }, create: (t) => new Cooperative(t) },
  'stale-search': { describe: 'search text with other whitespace or quotes', expect: { status: 'verified' }, create: (t) => new StaleSearch(t) },
  'blind-edit': { describe: 'edits and overwrites files it never read', expect: { status: 'verified' }, create: (t) => new BlindEdit(t) },
  'broken-json': { describe: 'malformed arguments, an unknown tool, an answer cut mid-way', expect: { status: 'verified' }, create: (t) => new BrokenJson(t) },
  'context-overflow': { describe: 'context_length_exceeded past a small window', expect: { status: 'verified' }, create: (t) => new ContextOverflow(t) },
  'reasoning-model': { describe: 'rejects temperature and max_tokens; reasoning tokens in usage', expect: { status: 'verified' }, create: (t) => new ReasoningModel(t) },
  quitter: { describe: 'prose instead of tools, then finish with red checks', expect: { status: 'verified' }, create: (t) => new Quitter(t) },
  looper: { describe: 'the same failing edit again and again', expect: { status: 'failed', reason: /loop: the model sent the same edit/ }, create: (t) => new Looper(t) },
  'hallucinated-path': { describe: 'works on files that do not exist', expect: { status: 'failed', reason: /paths that do not exist/ }, create: (t) => new HallucinatedPath(t) },
  'hallucinated-import': { describe: 'imports a package that is not installed, and keeps it', expect: { status: 'failed', reason: /kept importing 'mathjs', which is not installed/ }, create: (t) => new HallucinatedImport(t) },
  'scope-creeper': { describe: 'tidies files outside the scope, and insists', expect: { status: 'failed', reason: /outside the migration's scope/ }, create: (t) => new ScopeCreeper(t) },
} satisfies Record<string, PersonaSpec>;

export type PersonaName = keyof typeof PERSONAS;

/** Makes `fake` answer every chat request as the named persona; returns the persona. */
export function usePersona(fake: FakeOpenAI, name: PersonaName, task: PersonaTask): Persona {
  const persona = (PERSONAS[name] as PersonaSpec).create(task);
  fake.onRequest((request) => persona.reply(request));
  return persona;
}

export type { PersonaTask } from './base.js';
