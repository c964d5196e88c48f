/**
 * The private servers the delivery benchmarks start on loopback and stop
 * after: a `redis-server` on a free port (no persistence) and the chat
 * platform stand-in (test/support/recorder-process.ts) in a process of its
 * own. Nothing leaves 127.0.0.1; every wait is bounded.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** A private redis-server on a free loopback port, answering PING within 10 s. */
export async function startRedis(): Promise<{ url: string; version: string; stop: () => void }> {
  const version = /v=(\S+)/.exec(spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).stdout)?.[1] ?? '?';
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'pathwise-bench-redis-'));
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--maxmemory-policy', 'noeviction'], { stdio: 'ignore' });
  const stop = () => {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  const end = Date.now() + 10_000;
  while (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() !== 'PONG') {
    if (Date.now() > end) {
      stop();
      throw new Error('timed out waiting for redis-server');
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url: `redis://127.0.0.1:${port}`, version, stop };
}

/** CPU seconds the redis-server process has used so far (INFO cpu), to add to the clients' for a phase's whole cost. */
export function redisCpu(url: string): number {
  const out = spawnSync('redis-cli', ['-p', new URL(url).port, 'info', 'cpu'], { encoding: 'utf8' }).stdout;
  const f = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(out)?.[1] ?? 0);
  return f('used_cpu_sys') + f('used_cpu_user');
}

export interface RecorderProcess {
  /** The stand-in's origin; messages are POSTed to `${url}/send`. */
  url: string;
  /** How many times each message text arrived. */
  counts(): Promise<Map<string, number>>;
  /** Requests answered 429 (with `limit`). */
  rejected(): Promise<number>;
  /** CPU seconds the stand-in has used so far. */
  cpu(): Promise<number>;
  stop(): void;
}

/** The chat-platform stand-in in a child process; with `limit`, more than that many messages in any second get 429. */
export async function startRecorderProcess(limit: number | null = null): Promise<RecorderProcess> {
  const child = spawn(process.execPath, ['bin/run-ts.js', 'test/support/recorder-process.ts', ...(limit ? ['--limit', String(limit)] : [])], { stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('recorder did not start within 20 s')), 20_000);
    child.stdout.once('data', (d: Buffer) => {
      clearTimeout(timer);
      resolve((JSON.parse(d.toString()) as { url: string }).url);
    });
  });
  const stats = async () => (await (await fetch(`${url}/counts`)).json()) as { counts: Record<string, number>; rejected: number; cpuSeconds: number };
  return {
    url,
    counts: async () => new Map(Object.entries((await stats()).counts)),
    rejected: async () => (await stats()).rejected,
    cpu: async () => (await stats()).cpuSeconds,
    stop: () => void child.kill('SIGTERM'),
  };
}
