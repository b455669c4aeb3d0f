/**
 * The bubblewrap sandbox (src/process/sandbox.ts) through runCommand, with real bwrap: what a
 * command sees of the host, its identity, its network and its limits, and that godwit refuses
 * to run commands when no sandbox can be made. These tests never skip: the sandbox is required
 * (fail closed), so a machine without it fails them.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { runCommand } from '../../src/process/run-command.js';
import { configureSandbox, DEFAULT_SANDBOX_SETTINGS, wrapCommand } from '../../src/process/sandbox.js';
import { GODWIT_ROOT } from '../support/fixture-repo.js';

let dir: string;
let outside: string;
let server: net.Server;
let port: number;
const defaults = configSchema.parse({}).sandbox;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'godwit-sandbox-'));
  outside = mkdtempSync(path.join(os.tmpdir(), 'godwit-sandbox-outside-'));
  writeFileSync(path.join(outside, 'secret.txt'), 'outside-secret');
  execFileSync('git', ['init', '--quiet', dir]);
  server = net.createServer((s) => s.end('HELLO-FROM-HOST'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(async () => {
  configureSandbox(defaults);
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const opts = () => ({ cwd: dir, timeoutMs: 60_000, maxOutputBytes: 1024 * 1024 });
const sh = (script: string) => runCommand('sh', ['-c', script], opts());

describe('what a sandboxed command sees', () => {
  beforeAll(() => configureSandbox(defaults));

  it('runs as uid 65534 with no capabilities, in its own PID namespace', async () => {
    const run = await sh('id -u; id -g; grep CapEff /proc/self/status; ls /proc | grep -c "^[0-9]"');
    expect(run.exitCode).toBe(0);
    const [uid, gid, caps, procs] = run.output.trim().split('\n');
    expect([uid, gid]).toEqual(['65534', '65534']);
    expect(caps).toMatch(/CapEff:\s+0+$/);
    // bwrap's init, sh, grep: not the host's hundreds of processes.
    expect(Number(procs)).toBeLessThan(10);
  });

  it('writes the clone but not its .git, and sees nothing of the host beyond the system folders', async () => {
    const run = await sh(
      [
        'touch written && echo clone-ok',
        'touch .git/planted 2>/dev/null || echo git-readonly',
        `cat ${outside}/secret.txt 2>/dev/null || echo outside-hidden`,
        `touch ${outside}/x 2>/dev/null || echo outside-unwritable`,
        `ls ${GODWIT_ROOT}/src 2>/dev/null || echo checkout-hidden`,
        'ls /root 2>/dev/null | head -1; echo root-listed',
        'echo HOME=$HOME; touch $HOME/h && echo home-writable; ls /tmp',
      ].join('; '),
    );
    expect(run.output).toContain('clone-ok');
    expect(run.output).toContain('git-readonly');
    expect(run.output).toContain('outside-hidden');
    expect(run.output).toContain('outside-unwritable');
    expect(run.output).toContain('checkout-hidden');
    expect(run.output).toContain('home-writable');
    expect(run.output).not.toContain('outside-secret');
    expect(run.output).toMatch(/HOME=\/home\/sandbox/);
    // /tmp is private: the host's /tmp entries (this test's other folder among them) are not there.
    expect(run.output).not.toContain(path.basename(outside));
  });

  it('has no network: a host port on 127.0.0.1 is out of reach', async () => {
    const run = await runCommand(process.execPath, ['-e', `require('net').connect(${port}, '127.0.0.1').on('data', (d) => console.log(String(d))).on('error', (e) => console.log('refused', e.code))`], opts());
    expect(run.output).toContain('refused');
    expect(run.output).not.toContain('HELLO-FROM-HOST');
  });

  it('the download step gets the network when asked (and only then)', async () => {
    const run = await runCommand(process.execPath, ['-e', `require('net').connect(${port}, '127.0.0.1').on('data', (d) => console.log(String(d))).on('error', (e) => console.log('refused', e.code))`], { ...opts(), sandbox: { network: true } });
    expect(run.output).toContain('HELLO-FROM-HOST');
  });

  it('reads the configured toolbox paths, read-only', async () => {
    const toolbox = path.join(outside, 'toolbox');
    mkdirSync(toolbox, { recursive: true });
    writeFileSync(path.join(toolbox, 'tool.txt'), 'a tool');
    configureSandbox({ ...defaults, readOnlyPaths: [toolbox] });
    try {
      const run = await sh(`cat ${toolbox}/tool.txt; touch ${toolbox}/x 2>/dev/null || echo toolbox-readonly`);
      expect(run.output).toContain('a tool');
      expect(run.output).toContain('toolbox-readonly');
    } finally {
      configureSandbox(defaults);
    }
  });
});

describe('limits', () => {
  afterAll(() => configureSandbox(defaults));

  it('a fork bomb ends the command, names the process limit, and the machine keeps working', async () => {
    configureSandbox({ ...defaults, maxProcesses: 64 });
    const run = await runCommand('sh', ['-c', 'bomb() { bomb | bomb & }; bomb; sleep 2; exit 7'], { ...opts(), timeoutMs: 20_000 });
    expect(run.exitCode).toBe(7);
    expect(run.limit).toMatch(/process limit \(64/);
    // The host can still start processes and the bomb left nothing behind.
    expect(execFileSync('sh', ['-c', 'echo alive'], { encoding: 'utf8' }).trim()).toBe('alive');
  });

  it('a 4 GB allocation ends the command with the memory limit named', async () => {
    configureSandbox({ ...defaults, memoryMb: 1024 });
    const run = await runCommand(process.execPath, ['-e', 'const a = []; for (let i = 0; i < 16; i++) a.push(Buffer.alloc(256 * 1024 * 1024, 1)); console.log("allocated 4 GB")'], opts());
    expect(run.exitCode).not.toBe(0);
    expect(run.output).not.toContain('allocated 4 GB');
    expect(run.limit).toMatch(/memory limit \(1024 MiB/);
    expect(run.tail).toContain("hit the sandbox's memory limit");
  });

  it('a file beyond the size limit cannot be written', async () => {
    configureSandbox({ ...defaults, maxFileSizeMb: 1 });
    const run = await sh('head -c 5000000 /dev/zero > big.bin; echo exit=$?');
    expect(readFileSync(path.join(dir, 'big.bin')).length).toBeLessThanOrEqual(1024 * 1024);
    expect(run.output).toMatch(/File too large|exit=1[0-9]{2}/);
  });
});

describe('clean-up', () => {
  beforeAll(() => configureSandbox(defaults));
  const marker = String(3000 + (process.pid % 1000));
  const left = (): string[] => [
    ...execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.trim() === `sleep ${marker}`),
    ...readdirSync('/sys/fs/cgroup/pids').filter((d) => d.startsWith(`godwit-${process.pid}-`)),
  ];
  const settle = async (): Promise<string[]> => {
    const until = Date.now() + 5000;
    while (left().length > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    return left();
  };

  it.runIf(process.getuid?.() === 0)('nothing of a finished command outlives it, also what left its process group, and its pids cgroup is removed', async () => {
    const run = await sh(`sleep ${marker} & setsid sleep ${marker} & (trap '' TERM; exec sleep ${marker}) & echo started`);
    expect(run.output).toContain('started');
    expect(await settle()).toEqual([]);
  });

  // The processes are still exiting right after the SIGKILL, so the cgroup can only go a moment later (retried in the background).
  it.runIf(process.getuid?.() === 0)('dispose while the command runs: every process of it is killed and the cgroup removed', async () => {
    const wrapped = wrapCommand('sh', ['-c', `sleep ${marker} & setsid sleep ${marker} & echo started; exec sleep ${marker}`], { cwd: dir });
    const child = spawn(wrapped.file, wrapped.args, { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => String(d).includes('started') && resolve()));
    expect(left().length).toBe(4);
    wrapped.dispose();
    expect(await settle()).toEqual([]);
    expect(child.exitCode ?? child.signalCode).not.toBeNull();
  });
});

describe('fail closed', () => {
  // As root: a mount namespace in which /usr/bin/bwrap is /dev/null, so no sandbox can be made.
  it.runIf(process.getuid?.() === 0)('refuses to run a command when bubblewrap cannot be used (sandbox-unavailable, exit 3), unless turned off', () => {
    const script = [
      "import { runCommand } from './src/process/run-command.ts';",
      "import { configureSandbox } from './src/process/sandbox.ts';",
      "const level = process.argv.at(-1);",
      "configureSandbox({ level, readOnlyPaths: [], memoryMb: 4096, maxProcesses: 1024, maxFileSizeMb: 1024, allowEnv: [] });",
      "runCommand('true', [], { cwd: process.cwd(), timeoutMs: 10000, maxOutputBytes: 1000 }).then((r) => console.log('RAN', r.exitCode), (e) => console.log('REFUSED', e.code, e.exitCode, e.hint));",
    ].join('\n');
    const file = path.join(GODWIT_ROOT, `.sandbox-fail-closed-${process.pid}.mts`);
    writeFileSync(file, script);
    try {
      const run = (level: string) =>
        execFileSync('unshare', ['--mount', 'sh', '-c', `mount --bind /dev/null /usr/bin/bwrap && exec ${process.execPath} --import tsx ${file} ${level}`], { cwd: GODWIT_ROOT, encoding: 'utf8' });
      const refused = run('bwrap');
      expect(refused).toMatch(/^REFUSED sandbox-unavailable 3 /m);
      expect(refused).toContain('GODWIT_SANDBOX=off');
      expect(refused).toContain('sandbox.level');
      expect(run('off')).toMatch(/^RAN 0/m);
    } finally {
      rmSync(file, { force: true });
    }
  });
});

describe('settings', () => {
  it('the defaults before any config is loaded are the config schema’s', () => {
    expect(DEFAULT_SANDBOX_SETTINGS).toEqual(configSchema.parse({}).sandbox);
  });
});
