/**
 * The spawner (src/process/spawner.ts, spawner-main.ts) with real processes: commands started
 * through it keep their output, exit code and stdin; abort kills them; a spawner that dies
 * mid-command ends the command with an error (and kills it), later commands start directly until
 * it is back; and it does not outlive godwit, nor does anything it started.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type LaunchOptions } from '../../src/process/launch.js';
import { warmSpawner } from '../../src/process/spawner.js';
import { GODWIT_ROOT } from '../support/fixture-repo.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'godwit-spawner-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Outcome {
  stdout: string;
  stderr: string;
  errors: string[];
  exit?: { code: number | null; signal: string | null };
}

/** Runs a shell script through launch(); `started` hears its first stdout line (its pid). */
function run(script: string, options: Partial<LaunchOptions> = {}, started?: (pid: number) => void): { done: Promise<Outcome>; kill: (signal: NodeJS.Signals, group?: boolean) => void } {
  const outcome: Outcome = { stdout: '', stderr: '', errors: [] };
  let resolve!: (o: Outcome) => void;
  const done = new Promise<Outcome>((r) => (resolve = r));
  const launched = launch('sh', ['-c', script], { cwd: dir, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ONLY: 'this' }, ...options }, {
    stdout: (chunk) => {
      const first = outcome.stdout === '';
      outcome.stdout += String(chunk);
      if (first) started?.(Number(outcome.stdout.split('\n')[0]));
    },
    stderr: (chunk) => (outcome.stderr += String(chunk)),
    error: (error, isStarted) => {
      outcome.errors.push(error.message);
      if (!isStarted) resolve(outcome);
    },
    exit: () => {},
    close: (code, signal) => resolve({ ...outcome, exit: { code, signal } }),
  });
  return { done, kill: launched.kill };
}

/** Running (a zombie that no one reaped yet is not). */
const alive = (pid: number): boolean => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  return !alive(pid);
}

describe('commands through the spawner', () => {
  it('keep their stdout, stderr, exit code, stdin, cwd and exactly the given environment; the spawner is their parent', async () => {
    const spawner = await warmSpawner();
    expect(spawner).toBeGreaterThan(0);
    const out = await run('read line; echo "in=$line"; echo "ppid=$PPID cwd=$(pwd)"; env | sort | grep -v "^PWD=\\|^SHLVL=\\|^_="; echo oops >&2; exit 3', { input: 'hello\n' }).done;
    expect(out.exit).toEqual({ code: 3, signal: null });
    expect(out.errors).toEqual([]);
    expect(out.stdout).toContain('in=hello');
    expect(out.stdout).toContain(`ppid=${spawner} cwd=${dir}`);
    expect(out.stdout).toMatch(/^ONLY=this$/m);
    expect(out.stdout.split('\n').filter((l) => l.includes('='))).toHaveLength(4); // in=, ppid=, ONLY, PATH
    expect(out.stderr).toBe('oops\n');
  });

  it('a large output arrives whole and in order', async () => {
    await warmSpawner();
    const out = await run('seq 1 200000').done;
    expect(out.stdout).toBe(`${Array.from({ length: 200_000 }, (_, i) => i + 1).join('\n')}\n`);
  });

  it('a command that cannot start reports the spawn error, as a plain spawn would', async () => {
    await warmSpawner();
    const outcome: string[] = [];
    await new Promise<void>((resolve) =>
      launch(path.join(dir, 'no-such-binary'), [], { cwd: dir, env: {} }, {
        stdout: () => {},
        stderr: () => {},
        error: (error, started) => {
          outcome.push(`${(error as NodeJS.ErrnoException).code} ${started} ${error.message}`);
          resolve();
        },
        exit: () => outcome.push('exit'),
        close: () => outcome.push('close'),
      }),
    );
    expect(outcome).toEqual([`ENOENT false spawn ${path.join(dir, 'no-such-binary')} ENOENT`]);
  });

  it('abort kills the command (SIGTERM) and reports the AbortError', async () => {
    await warmSpawner();
    const controller = new AbortController();
    let pid = 0;
    const out = await run('echo $$; exec sleep 300', { signal: controller.signal }, (p) => {
      pid = p;
      controller.abort();
    }).done;
    expect(out.errors).toEqual(['The operation was aborted']);
    expect(out.exit).toEqual({ code: null, signal: 'SIGTERM' });
    expect(await gone(pid)).toBe(true);
  });

  it('a detached command is killed with its whole process group, also what is left after it exited', async () => {
    await warmSpawner();
    const marker = String(4000 + (process.pid % 1000));
    const { done, kill } = run(`sleep ${marker} >/dev/null 2>&1 & echo started`, { detached: true });
    const out = await done;
    expect(out.exit?.code).toBe(0);
    const sleeps = () => execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').filter((l) => l.trim() === `sleep ${marker}`);
    expect(sleeps()).toHaveLength(1);
    kill('SIGKILL', true);
    for (let i = 0; i < 100 && sleeps().length; i++) await new Promise((r) => setTimeout(r, 50));
    expect(sleeps()).toEqual([]);
  });
});

describe('when the spawner dies', () => {
  it('a command in flight ends with an error and is killed; the next ones start directly, then through a new spawner', async () => {
    const first = (await warmSpawner())!;
    let pid = 0;
    const inFlight = run('echo $$; exec sleep 300', {}, (p) => {
      pid = p;
      process.kill(first, 'SIGKILL');
    });
    const out = await inFlight.done;
    expect(out.errors).toEqual(['the spawner exited while the command ran']);
    expect(out.exit?.code).toBeNull();
    expect(await gone(pid)).toBe(true);

    const direct = await run('echo "ppid=$PPID"').done;
    expect(direct.stdout).toBe(`ppid=${process.pid}\n`);
    expect(direct.exit?.code).toBe(0);

    await new Promise((r) => setTimeout(r, 2100));
    const second = await warmSpawner();
    expect(second).toBeGreaterThan(0);
    expect(second).not.toBe(first);
    expect((await run('echo "ppid=$PPID"').done).stdout).toBe(`ppid=${second}\n`);
  });
});

describe('when godwit dies', () => {
  it('a SIGKILLed parent takes the spawner and the commands it started with it', async () => {
    const script = path.join(dir, 'parent.mts');
    writeFileSync(
      script,
      [
        `import { launch } from ${JSON.stringify(pathToFileURL(path.join(GODWIT_ROOT, 'src/process/launch.ts')).href)};`,
        `import { warmSpawner } from ${JSON.stringify(pathToFileURL(path.join(GODWIT_ROOT, 'src/process/spawner.ts')).href)};`,
        'const spawner = await warmSpawner();',
        "const noop = () => {};",
        "launch('sh', ['-c', 'echo $$; exec sleep 300'], { cwd: process.cwd(), env: { PATH: process.env.PATH } }, { stdout: (d) => console.log(`${spawner} ${String(d).trim()}`), stderr: noop, error: noop, exit: noop, close: noop });",
        'setInterval(() => {}, 1000);',
      ].join('\n'),
    );
    const parent = spawn(process.execPath, ['--import', 'tsx', script], { cwd: GODWIT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve) => parent.stdout.on('data', (d: Buffer) => resolve(String(d).trim())));
    const [spawnerPid, sleepPid] = line.split(' ').map(Number) as [number, number];
    expect(alive(spawnerPid) && alive(sleepPid)).toBe(true);
    parent.kill('SIGKILL');
    expect(await gone(spawnerPid)).toBe(true);
    expect(await gone(sleepPid)).toBe(true);
  });
});
