import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { GodwitError } from '../../src/errors.js';

const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'godwit-config-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('loadConfig', () => {
  it('works with no file and no environment', async () => {
    const config = await loadConfig({ cwd: tempDir(), env: {} });
    expect(config.llm.model).toBeUndefined();
    expect(config.dashboard.host).toBe('127.0.0.1');
    expect(config.verify.timeoutMs).toBeGreaterThan(0);
  });

  it('reads the documented environment variables', async () => {
    const config = await loadConfig({
      cwd: tempDir(),
      env: {
        GODWIT_WORKDIR: '/tmp/gw',
        REDIS_URL: 'redis://127.0.0.1:6390',
        OPENAI_BASE_URL: 'http://127.0.0.1:9999/v1',
        OPENAI_API_KEY: 'sk-test',
        GODWIT_MODEL: 'gpt-test',
        GITHUB_TOKEN: 'ghs_x',
        GITHUB_API_URL: 'https://ghe.example.com/api/v3',
        GODWIT_DASHBOARD_TOKEN: 'dash',
        GODWIT_QUEUE_NAMESPACE: ' fleet-b ',
        GODWIT_DEBUG: 'yes',
      },
    });
    expect(config.workdir).toBe('/tmp/gw');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6390');
    expect(config.llm).toMatchObject({ baseUrl: 'http://127.0.0.1:9999/v1', apiKey: 'sk-test', model: 'gpt-test' });
    expect(config.github).toMatchObject({ token: 'ghs_x', apiUrl: 'https://ghe.example.com/api/v3' });
    expect(config.dashboard.token).toBe('dash');
    expect(config.queue.namespace).toBe('fleet-b');
    expect(config.debug).toBe(true);
  });

  it('defaults the queue namespace and debug, and names a bad value by its variable', async () => {
    const plain = await loadConfig({ cwd: tempDir(), env: { GODWIT_QUEUE_NAMESPACE: '', GODWIT_DEBUG: '0' } });
    expect(plain.queue.namespace).toBe('godwit');
    expect(plain.debug).toBe(false);
    const error = (await loadConfig({ cwd: tempDir(), env: { GODWIT_QUEUE_NAMESPACE: 'a}b', GODWIT_DEBUG: 'maybe' } }).catch((e: unknown) => e)) as GodwitError;
    expect(error).toBeInstanceOf(GodwitError);
    expect(error.message).toContain('queue.namespace');
    expect(error.message).toContain('debug');
    expect(error.hint).toContain('GODWIT_QUEUE_NAMESPACE');
    expect(error.hint).toContain('GODWIT_DEBUG');
  });

  it('reads the service log level and the metrics port and host from the environment, and names a bad one', async () => {
    const plain = await loadConfig({ cwd: tempDir(), env: {} });
    expect(plain.service).toMatchObject({ logLevel: 'info', metricsHost: '127.0.0.1' });
    expect(plain.service.metricsPort).toBeUndefined();
    const set = await loadConfig({ cwd: tempDir(), env: { GODWIT_LOG_LEVEL: 'debug', GODWIT_METRICS_PORT: '9464', GODWIT_METRICS_HOST: '0.0.0.0' } });
    expect(set.service).toMatchObject({ logLevel: 'debug', metricsPort: 9464, metricsHost: '0.0.0.0' });
    const error = (await loadConfig({ cwd: tempDir(), env: { GODWIT_LOG_LEVEL: 'loud', GODWIT_METRICS_PORT: 'x' } }).catch((e: unknown) => e)) as GodwitError;
    expect(error).toBeInstanceOf(GodwitError);
    expect(error.hint).toContain('GODWIT_LOG_LEVEL');
    expect(error.hint).toContain('GODWIT_METRICS_PORT');
  });

  it('layers file < env < overrides', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'godwit.config.json'), JSON.stringify({ llm: { model: 'from-file', timeoutMs: 5 }, workdir: '/from/file' }));
    const config = await loadConfig({ cwd: dir, env: { GODWIT_MODEL: 'from-env' }, overrides: { workdir: '/from/flag' } });
    expect(config.llm.model).toBe('from-env');
    expect(config.llm.timeoutMs).toBe(5);
    expect(config.workdir).toBe('/from/flag');
  });

  it('reads YAML', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'godwit.config.yaml'), 'dashboard:\n  port: 4800\n');
    expect((await loadConfig({ cwd: dir, env: {} })).dashboard.port).toBe(4800);
  });

  it('names the bad key and the fix', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'godwit.config.json'), JSON.stringify({ llm: { timeoutMs: -1 }, unknownKey: 1 }));
    const error = await loadConfig({ cwd: dir, env: { REDIS_URL: 'not a url' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GodwitError);
    const e = error as GodwitError;
    expect(e.code).toBe('config-invalid');
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain('llm.timeoutMs');
    expect(e.message).toContain('redisUrl');
    expect(e.message).toMatch(/unknownKey/);
    expect(e.hint).toContain('REDIS_URL');
  });

  it('reports unreadable config files', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'godwit.config.json'), '{ nope');
    await expect(loadConfig({ cwd: dir, env: {} })).rejects.toMatchObject({ code: 'config-invalid' });
    await expect(loadConfig({ cwd: dir, env: {}, file: 'missing.json' })).rejects.toMatchObject({ code: 'config-invalid' });
  });
});
