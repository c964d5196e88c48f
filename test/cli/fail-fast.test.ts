/**
 * Fail fast, stop when asked (issue #17, item 6), as a person meets it: a
 * Redis port nobody listens on, and servers that accept a connection and
 * never answer. Every command ends with a message naming what is
 * unreachable (never the password), and SIGTERM during start-up ends the
 * process within 5 s.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/config.ts';
import { runCli } from '../../src/main.ts';
import { memoryIo } from '../support/cli-io.ts';
import { tempDir } from '../support/temp-dir.ts';

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/** A server that accepts connections and never says a word (a firewall dropping replies, a hung proxy). */
async function blackHole(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const srv: Server = createServer((s) => void sockets.add(s));
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return {
    port: (srv.address() as { port: number }).port,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => srv.close(() => r()));
    },
  };
}

/** Starts `pathwise <args>`, sends SIGTERM after `afterMs`, and resolves with how long the process took to end after it. */
function sigtermDuringStart(args: string[], env: Record<string, string>, afterMs: number): Promise<{ ms: number; code: number | null; stderr: string }> {
  const clean: Record<string, string | undefined> = { ...process.env };
  for (const k of Object.keys(clean)) if (/^(PATHWISE_|REDIS_|MONGODB_|SLACK_|DISCORD_)/.test(k)) delete clean[k];
  const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin/pathwise.js'), ...args], { env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => {
    let sentAt = 0;
    setTimeout(() => {
      sentAt = Date.now();
      child.kill('SIGTERM');
    }, afterMs);
    const hard = setTimeout(() => child.kill('SIGKILL'), afterMs + 20_000);
    child.on('exit', (code) => {
      clearTimeout(hard);
      resolve({ ms: sentAt ? Date.now() - sentAt : -1, code, stderr });
    });
  });
}

describe('fail fast, stop when asked', { timeout: 60_000 }, () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('pathwise worker and pathwise jobs name the Redis nobody answers on, without its password, within seconds', async () => {
    const port = await closedPort();
    const t = tempDir();
    cleanups.push(t.remove);
    const env = { REDIS_URL: `redis://:s3cret-pw@127.0.0.1:${port}/0`, PATHWISE_DATA_DIR: t.dir };
    for (const argv of [['worker'], ['jobs', 'failed'], ['jobs', 'reconcile']]) {
      const io = memoryIo();
      const started = Date.now();
      expect(await runCli(argv, io.io, env)).toBe(1);
      expect(Date.now() - started).toBeLessThan(8_000);
      expect(io.err()).toMatch(new RegExp(`Redis at redis://127\\.0\\.0\\.1:${port}/0 is unreachable`));
      expect(io.err()).not.toContain('s3cret-pw');
    }
  });

  it('pathwise jobs gives up on a Redis that accepts the connection and never answers, with a message', async () => {
    const hole = await blackHole();
    cleanups.push(hole.close);
    const io = memoryIo();
    const started = Date.now();
    expect(await runCli(['jobs', 'failed'], io.io, { REDIS_URL: `redis://127.0.0.1:${hole.port}` })).toBe(1);
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(io.err()).toMatch(/Redis at redis:\/\/127\.0\.0\.1:\d+\/? is unreachable \(no answer within 5 s\)/);
  });

  it('SIGTERM while pathwise worker waits for Redis ends it within 5 s', async () => {
    const hole = await blackHole();
    cleanups.push(hole.close);
    const t = tempDir();
    cleanups.push(t.remove);
    const r = await sigtermDuringStart(['worker'], { REDIS_URL: `redis://127.0.0.1:${hole.port}`, PATHWISE_DATA_DIR: t.dir }, 3_000);
    expect(r.ms).toBeGreaterThanOrEqual(0);
    expect(r.ms).toBeLessThan(5_000);
    expect(r.stderr).toMatch(/SIGTERM received while starting/);
  });

  it('SIGTERM while pathwise slack waits for an unreachable Slack ends it within 5 s', async () => {
    const hole = await blackHole();
    cleanups.push(hole.close);
    const t = tempDir();
    cleanups.push(t.remove);
    const env = { SLACK_BOT_TOKEN: 'xoxb-test-0000-bot-token', SLACK_SIGNING_SECRET: 'test-signing-secret', SLACK_PORT: '0', SLACK_API_URL: `http://127.0.0.1:${hole.port}/api/`, PATHWISE_DATA_DIR: t.dir };
    const r = await sigtermDuringStart(['slack'], env, 2_000);
    expect(r.ms).toBeGreaterThanOrEqual(0);
    expect(r.ms).toBeLessThan(5_000);
    expect(r.stderr).not.toContain('xoxb-test-0000-bot-token');
  });
});
