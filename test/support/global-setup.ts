/**
 * Starts one private redis-server on a free loopback port for the whole run,
 * and hands its URL to the suites (`inject('redisUrl')`). Each suite still uses
 * its own key prefix, so suites never share queues.
 *
 * Without redis-server: outside CI the Redis suites are skipped with a plain
 * notice saying how to install it; under CI=true that is a failure.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string | null;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function findRedis(): string | null {
  const r = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const path = r.stdout.trim();
  return r.status === 0 && path ? path : null;
}

async function waitForPing(port: number, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (let i = 0; i < 200 && Date.now() < until; i++) {
    const r = spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'ping'], { encoding: 'utf8' });
    if (r.stdout.trim() === 'PONG') return;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`redis-server on 127.0.0.1:${port} did not answer PING within ${deadlineMs} ms`);
}

let child: ChildProcess | null = null;
let dir: string | null = null;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const bin = findRedis();
  if (!bin) {
    const how = 'install it with: apt-get install -y redis-server (Debian/Ubuntu) or brew install redis (macOS)';
    if (process.env.CI === 'true') {
      throw new Error(`CI=true but redis-server is not installed; the Redis/BullMQ suites cannot run. ${how}`);
    }
    console.warn(`\n⚠ SKIPPED: Redis/BullMQ suites — redis-server is not installed; ${how}\n`);
    project.provide('redisUrl', null);
    return async () => {};
  }
  const port = await freePort();
  dir = mkdtempSync(join(tmpdir(), 'pathwise-redis-'));
  child = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--maxmemory-policy', 'noeviction'], {
    stdio: 'ignore',
  });
  await waitForPing(port, 10_000);
  project.provide('redisUrl', `redis://127.0.0.1:${port}`);
  return async () => {
    child?.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}
