/**
 * Runs a Lua script by its SHA1 (EVALSHA): the script's text crosses the network once per Redis
 * server, not with every call. A server that does not know it yet (first call, restart,
 * failover, SCRIPT FLUSH) answers NOSCRIPT, and the call is repeated with EVAL, which also
 * caches it there.
 */
import { createHash } from 'node:crypto';
import type { RedisClient } from './connection.js';

export interface LuaScript {
  readonly text: string;
  readonly sha: string;
}

export function luaScript(text: string): LuaScript {
  return { text, sha: createHash('sha1').update(text).digest('hex') };
}

export async function runLua(redis: RedisClient, script: LuaScript, keys: string[], args: string[]): Promise<unknown> {
  try {
    return await redis.evalsha(script.sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!/NOSCRIPT/.test((error as Error).message)) throw error;
    return redis.eval(script.text, keys.length, ...keys, ...args);
  }
}
