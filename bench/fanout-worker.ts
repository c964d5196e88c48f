/**
 * One worker process of the fan-out benchmark (bench/fanout.bench.ts starts
 * 1, 2 or 4 of them with `--workers`):
 *
 *   node bin/run-ts.js bench/fanout-worker.ts '<json WorkerOptions>'
 *
 * - `mode: 'raw'`: a bare BullMQ Worker whose processor does nothing (the
 *   yardstick); it connects, says `ready`, and starts taking jobs on `go`.
 * - `mode: 'pathwise'`: the real BullMQ scheduler's delivery worker (the
 *   role `pathwise worker --only deliveries` runs; the slots' fan-out runs
 *   in the bench process) with the delivery handler
 *   (idempotency key per learner and local day → deliverOnce's claim on the
 *   store → the shared Redis token bucket → HTTP to the loopback recorder).
 *
 * Talks to the parent over IPC: `ready`, then `progress` ({ done, lastAt }:
 * how many jobs this process finished, the wall-clock ms of the last, and of
 * its last slot fan-out) at most every 100 ms while it changes. The parent sends `go`, `mark` (CPU is
 * counted from here), `profile-start`, `profile-stop` and `stop`.
 */
import { Session } from 'node:inspector/promises';
import { readFileSync, writeFileSync } from 'node:fs';
import { Worker } from 'bullmq';
import { text } from '../src/core/chat/messages.ts';
import { deliverOnce } from '../src/core/delivery/deliver-once.ts';
import { systemClock } from '../src/core/ports/clock.port.ts';
import type { LearnerStore } from '../src/core/ports/learner-store.port.ts';
import type { RunningJob } from '../src/core/ports/scheduler.port.ts';
import { BullMqScheduler } from '../src/engines/bullmq/bullmq.scheduler.ts';
import { RateLimitedGateway } from '../src/app/rate-limited-gateway.ts';
import { seededRng } from '../src/core/random.ts';
import { openRedisRateLimiter } from '../src/engines/redis/redis-rate-limiter.ts';
import { HttpChatGateway } from '../test/support/chat-recorder.ts';
import { memoryDeliveries } from '../test/support/memory-deliveries.ts';
import { FileDeliveryStore } from '../test/support/file-delivery-store.ts';
import type { ChatGateway } from '../src/core/ports/chat.port.ts';
import { zoneOf } from './fanout-learners.ts';

export interface WorkerOptions {
  mode: 'raw' | 'pathwise';
  redisUrl: string;
  prefix: string;
  queue?: string;
  concurrency: number;
  /** pathwise only: */
  store?: 'redis' | 'nedb' | 'memory' | 'files';
  storeDir?: string;
  claimsPrefix?: string;
  recorderUrl?: string;
  /** Auto-pipelining on the claims' connection (default off; on to compare). */
  autoPipelining?: boolean;
  /** Sends through the Redis token bucket (default on, as in production; off to compare). */
  limiter?: boolean;
  /** Messages a second the shared token bucket allows (Discord-shaped); none when absent. */
  rate?: number;
}

type DeliveryStore = Pick<LearnerStore, 'getDelivery' | 'claimDelivery' | 'takeOverDelivery' | 'putDelivery' | 'deleteDelivery'> & { close?: () => Promise<void> };

const opts = JSON.parse(process.argv[2] ?? '{}') as WorkerOptions;
const send = (m: Record<string, unknown>): void => void process.send?.(m);

let done = 0;
let lastAt = 0;
/** Wall-clock ms when this process finished its last slot fan-out (adding the slot's delivery jobs). */
let fannedOutAt = 0;
const marks: Record<string, number> = {};
const markOnce = (name: string): void => void (marks[name] ??= Date.now());
let reported = -1;
const progress = setInterval(() => {
  if (done === reported) return;
  reported = done;
  send({ type: 'progress', done, lastAt, fannedOutAt });
}, 100);
const finished = (): void => {
  done++;
  lastAt = Date.now();
};

const formats = new Map<string, Intl.DateTimeFormat>();
/** The learner's local calendar date of a run (one formatter per zone: they are costly to build). */
function localDate(at: Date, timeZone: string): string {
  let f = formats.get(timeZone);
  if (!f) formats.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return f.format(at);
}

async function openStore(): Promise<DeliveryStore> {
  if (opts.store === 'memory') return memoryDeliveries();
  if (opts.store === 'files') return new FileDeliveryStore(opts.storeDir!);
  if (opts.store === 'redis') {
    const { openRedisDeliveries } = await import('../src/engines/redis/redis-deliveries.ts');
    return openRedisDeliveries(opts.redisUrl, opts.claimsPrefix!, { autoPipelining: opts.autoPipelining ?? false });
  }
  const { NedbLearnerStore } = await import('../src/engines/embedded/nedb-learner-store.ts');
  return NedbLearnerStore.open(opts.storeDir!);
}

let stop: () => Promise<void>;
if (opts.mode === 'raw') {
  const worker = new Worker(opts.queue ?? 'raw', async () => {}, { connection: { url: opts.redisUrl, maxRetriesPerRequest: null }, prefix: opts.prefix, concurrency: opts.concurrency, autorun: false });
  worker.on('completed', finished);
  await worker.waitUntilReady();
  process.on('message', (m: { type?: string }) => {
    if (m.type === 'go') void worker.run();
  });
  stop = () => worker.close();
} else {
  const store = await openStore();
  const http = new HttpChatGateway(`${opts.recorderUrl!}/send`);
  // Sends go through the shared token bucket in Redis, as in `pathwise worker`. Under a rate the learners are on
  // Discord (one bucket per bot, just under the platform's limit); without one the buckets (one per Slack workspace)
  // never refuse, so the limiter costs its round trip but paces nothing (--no-limiter leaves it out).
  const limit = opts.rate ? { perSecond: Math.max(1, opts.rate - 5), burst: 5 } : { perSecond: 1e9, burst: 1e9 };
  const rate = opts.limiter === false && !opts.rate ? null : openRedisRateLimiter(opts.redisUrl, opts.prefix, () => limit);
  const gateway: ChatGateway = rate ? new RateLimitedGateway(http, rate.limiter, seededRng(process.pid)) : http;
  const scheduler = new BullMqScheduler({
    redis: opts.redisUrl,
    prefix: opts.prefix,
    concurrency: opts.concurrency,
    roles: ['deliveries'],
    onEvent: (e) => {
      if (e.type === 'slot-fanned-out') {
        fannedOutAt = Date.now();
        markOnce('first slot added');
      }
      else if (e.type !== 'job-rate-limited') console.error(JSON.stringify(e));
    },
  });
  const handler = async (job: RunningJob): Promise<void> => {
    if (job.payload.type !== 'daily-task') return;
    markOnce('first delivery started');
    const { learnerId, to } = job.payload;
    const key = `daily:${learnerId}:${localDate(job.scheduledFor, zoneOf(learnerId))}`;
    await deliverOnce({ store, gateway, clock: systemClock }, { key, learnerId, to, compose: async () => ({ blocks: [text(`task ${key}`)] }) });
    finished();
  };
  await scheduler.start(handler);
  stop = async () => {
    await scheduler.stop();
    http.close();
    await rate?.close();
    await store.close?.();
  };
}

/** System calls reading and writing so far (Linux /proc/self/io; zeros elsewhere): fewer round trips show here first. */
function syscalls(): { reads: number; writes: number } {
  try {
    const io = readFileSync('/proc/self/io', 'utf8');
    const n = (name: string) => Number(new RegExp(`${name}: (\\d+)`).exec(io)?.[1] ?? 0);
    return { reads: n('syscr'), writes: n('syscw') };
  } catch {
    return { reads: 0, writes: 0 };
  }
}

let cpuMark = process.cpuUsage();
let ioMark = syscalls();
let profiler: Session | null = null;
process.on('message', (m: { type?: string; path?: string }) => {
  void (async () => {
    if (m.type === 'mark') {
      cpuMark = process.cpuUsage();
      ioMark = syscalls();
    } else if (m.type === 'profile-start') {
      profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    } else if (m.type === 'profile-stop' && profiler && m.path) {
      const { profile } = await profiler.post('Profiler.stop');
      writeFileSync(m.path, JSON.stringify(profile));
      profiler.disconnect();
      send({ type: 'profiled', path: m.path });
    } else if (m.type === 'stop') {
      clearInterval(progress);
      send({ type: 'progress', done, lastAt, fannedOutAt, marks });
      await stop();
      const io = syscalls();
      const calls = { reads: io.reads - ioMark.reads, writes: io.writes - ioMark.writes };
      process.send?.({ type: 'stopped', cpu: process.cpuUsage(cpuMark), calls }, () => process.exit(0));
    }
  })();
});
// The parent went away: do not linger.
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
