/**
 * docker-compose.yml and the Dockerfile cannot be run here (no Docker), so
 * check what can be: the compose file parses and wires what the engines need.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config.ts';

const root = new URL('../../', import.meta.url);
interface Service {
  command?: string[];
  environment?: Record<string, string | null>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  build?: string;
  profiles?: string[];
}
const compose = parse(readFileSync(new URL('docker-compose.yml', root), 'utf8')) as { services: Record<string, Service>; volumes: Record<string, unknown> };

describe('docker-compose.yml', () => {
  it('runs mongo and redis with persistence and health checks', () => {
    const { mongo, redis } = compose.services;
    expect(mongo?.volumes).toContain('mongo-data:/data/db');
    // A single-node replica set: forget-me deletes in one transaction, which a standalone server refuses.
    expect(mongo?.command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
    expect(redis?.command).toEqual(expect.arrayContaining(['--appendonly', 'yes', '--maxmemory-policy', 'noeviction']));
    expect(redis?.volumes).toContain('redis-data:/data');
    expect(Object.keys(compose.volumes)).toEqual(['mongo-data', 'redis-data']);
    for (const s of Object.values(compose.services)) expect(s.healthcheck?.test.length).toBeGreaterThan(0);
  });

  it('starts workers on both engines once they are healthy, with settings the config accepts', () => {
    const worker = compose.services.worker!;
    expect(worker.command).toEqual(['worker']);
    expect(worker.depends_on).toEqual({ mongo: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
    // Values compose takes from the shell (null, or ${...}) are not there to check.
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(worker.environment ?? {})) if (typeof v === 'string' && !v.includes('${')) env[k] = v;
    const config = loadConfig(env);
    expect(config.mongodbUrl).toBe('mongodb://mongo:27017/pathwise?replicaSet=rs0');
    expect(config.redisUrl).toBe('redis://redis:6379');
    expect(config.queue.concurrency).toBe(20);
  });

  it.each(['discord', 'slack'])('runs the %s bot only on request (profile), on the same engines as the workers', (name) => {
    expect(Object.keys(compose.services).sort()).toEqual(['discord', 'mongo', 'redis', 'slack', 'worker']);
    const bot = compose.services[name]!;
    expect(bot.command).toEqual([name]);
    expect(bot.profiles).toEqual([name]);
    expect(bot.environment?.MONGODB_URL).toBe(compose.services.worker!.environment?.MONGODB_URL);
    expect(bot.environment?.REDIS_URL).toBe(compose.services.worker!.environment?.REDIS_URL);
  });
});

describe('Dockerfile', () => {
  const text = readFileSync(new URL('Dockerfile', root), 'utf8');
  it('installs runtime dependencies only, which include the TypeScript loader', () => {
    expect(text).toMatch(/^FROM node:20-slim$/m);
    expect(text).toContain('npm ci --omit=dev');
    const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).toEqual(expect.arrayContaining(['tsx', 'bullmq', 'mongoose', 'ioredis', 'zod']));
    expect(text).toMatch(/ENTRYPOINT \["node", "bin\/pathwise.js"\]/);
  });

  it('copies every folder the app reads at run time', () => {
    // bin and src (code), roadmaps (content), commands (the coach's command definitions, loaded at start),
    // data (O*NET, word vectors: without them careers and goals by meaning fail on first use).
    for (const dir of ['bin', 'src', 'roadmaps', 'commands', 'data']) expect(text).toContain(`COPY ${dir} ./${dir}`);
  });
});
