/**
 * Where a daily delivery's CPU goes, step by step (issue #17's fan-out
 * target): N delivery jobs shaped as a slot's fan-out adds them (`dl_` ids,
 * the scheduler's data and options) are drained by one consumer at
 * concurrency 50 in this process, four ways, each adding one part of the
 * real path to the one before:
 *
 *   raw       a bare BullMQ Worker with a no-op processor, on plain jobs (the yardstick)
 *   scheduler BullMqScheduler's delivery worker and job runner, handler does nothing
 *   protocol  + deliverOnce: claim (SET NX PX) → token bucket (Lua) → `sent` (SET),
 *             with a gateway that answers at once (no platform call)
 *   platform  + the platform call: HTTP to the loopback recorder (test/support/recorder-process.ts)
 *
 * The adds are done before each drain and not counted. Prints, per variant,
 * the median over the repetitions of this process's CPU per delivery, Redis's
 * CPU per delivery (INFO cpu), the recorder's, and the drain's wall time.
 *
 *   node bin/run-ts.js bench/delivery-cost.bench.ts [--learners 20000] [--reps 3]
 *
 * Starts a private redis-server and the recorder on loopback and stops them after.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { Queue, Worker, type JobsOptions } from 'bullmq';
import { RateLimitedGateway } from '../src/app/rate-limited-gateway.ts';
import { text } from '../src/core/chat/messages.ts';
import { deliverOnce } from '../src/core/delivery/deliver-once.ts';
import { systemClock } from '../src/core/ports/clock.port.ts';
import type { ChatGateway } from '../src/core/ports/chat.port.ts';
import { seededRng } from '../src/core/random.ts';
import { BullMqScheduler, DEFAULT_QUEUE } from '../src/engines/bullmq/bullmq.scheduler.ts';
import { dailyJobId } from '../src/engines/bullmq/slots.ts';
import { openRedisDeliveries } from '../src/engines/redis/redis-deliveries.ts';
import { openRedisRateLimiter } from '../src/engines/redis/redis-rate-limiter.ts';
import { HttpChatGateway } from '../test/support/chat-recorder.ts';
import { redisCpu, startRecorderProcess, startRedis } from './servers.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const N = Number(arg('learners', '20000'));
const REPS = Number(arg('reps', '3'));
const CONCURRENCY = 50;
const VARIANTS = ['raw', 'scheduler', 'protocol', 'platform'] as const;
type Variant = (typeof VARIANTS)[number];
const DAY = '2026-12-07';
const DEADLINE = Date.now() + 20 * 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const redisServer = await startRedis();
const { url, version } = redisServer;
const recorder = await startRecorderProcess();
const recorderUrl = `${recorder.url}/send`;
const stopAll = () => {
  recorder.stop();
  redisServer.stop();
};

/** The scheduler's options for a slot's delivery jobs (bullmq.scheduler.ts: fanOutOpts). */
const DELIVERY_OPTS: JobsOptions = { attempts: 10, backoff: { type: 'exponential', delay: 5000 }, removeOnComplete: { age: 36 * 3600 }, removeOnFail: { age: 14 * 24 * 3600 } };

async function addJobs(queue: Queue, v: Variant): Promise<void> {
  const runAt = Date.now();
  const jobs = Array.from({ length: N }, (_, i) => {
    const learnerId = `slack:T${i % 40}:U${i}`;
    const key = `daily:${learnerId}`;
    if (v === 'raw') return { name: 'noop', data: {} };
    const payload = { type: 'daily-task' as const, learnerId, to: { platform: 'slack' as const, workspace: `T${i % 40}`, channel: `D${i}`, user: `U${i}` } };
    return { name: 'daily-task', data: { key, payload, runAt, day: DAY }, opts: { ...DELIVERY_OPTS, jobId: dailyJobId(key, DAY) } };
  });
  for (let i = 0; i < N; i += 250) await queue.addBulk(jobs.slice(i, i + 250));
}

interface Row {
  wall: number;
  cpu: number;
  redis: number;
  recorder: number;
}

async function drain(v: Variant, prefix: string): Promise<Row> {
  const queue = new Queue(DEFAULT_QUEUE, { connection: { url }, prefix });
  await addJobs(queue, v);
  let done = 0;
  let allDone!: () => void;
  const all = new Promise<void>((r) => (allDone = r));
  const finished = () => {
    if (++done === N) allDone();
  };
  const redis0 = redisCpu(url);
  const recorder0 = await recorder.cpu();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let stop: () => Promise<void>;
  if (v === 'raw') {
    const worker = new Worker(DEFAULT_QUEUE, async () => {}, { connection: { url, maxRetriesPerRequest: null }, prefix, concurrency: CONCURRENCY });
    worker.on('completed', finished);
    stop = () => worker.close();
  } else {
    const store = await openRedisDeliveries(url, `${prefix}:claims`);
    const http = new HttpChatGateway(recorderUrl);
    const rate = openRedisRateLimiter(url, prefix, () => ({ perSecond: 1e9, burst: 1e9 }));
    const inner: ChatGateway = v === 'platform' ? http : { send: async () => ({ messageId: 'm' }) };
    const gateway = new RateLimitedGateway(inner, rate.limiter, seededRng(1));
    const scheduler = new BullMqScheduler({ redis: url, prefix, concurrency: CONCURRENCY, roles: ['deliveries'] });
    await scheduler.start(async (job) => {
      if (v !== 'scheduler' && job.payload.type === 'daily-task') {
        const key = `daily:${job.payload.learnerId}:${job.day ?? DAY}`;
        await deliverOnce({ store, gateway, clock: systemClock }, { key, learnerId: job.payload.learnerId, to: job.payload.to, compose: async () => ({ blocks: [text(`task ${key}`)] }) });
      }
      finished();
    });
    stop = async () => {
      await scheduler.stop();
      http.close();
      await rate.close();
      await store.close();
    };
  }
  await Promise.race([all, sleep(Math.max(0, DEADLINE - Date.now())).then(() => Promise.reject(new Error(`${v}: ${done}/${N} after the deadline`)))]);
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const row = { wall, cpu: (cpu.user + cpu.system) / 1e6, redis: redisCpu(url) - redis0, recorder: (await recorder.cpu()) - recorder0 };
  await stop();
  await queue.obliterate({ force: true });
  await queue.close();
  return row;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
try {
  console.log(`machine: ${cpus()[0]?.model ?? '?'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, redis ${version}, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`delivery cost: ${N} delivery jobs drained by one consumer at concurrency ${CONCURRENCY}, median of ${REPS}; µs per delivery`);
  const rows = new Map<Variant, Row[]>(VARIANTS.map((v) => [v, []]));
  let round = 0;
  // Interleaved, so a busy moment colours every variant alike.
  for (let rep = 0; rep < REPS; rep++) for (const v of VARIANTS) rows.get(v)!.push(await drain(v, `cost${round++}`));
  const us = (s: number) => ((s * 1e6) / N).toFixed(0).padStart(5);
  let before: { cpu: number; redis: number; recorder: number } | null = null;
  for (const v of VARIANTS) {
    const r = rows.get(v)!;
    const m = { wall: median(r.map((x) => x.wall)), cpu: median(r.map((x) => x.cpu)), redis: median(r.map((x) => x.redis)), recorder: median(r.map((x) => x.recorder)) };
    const total = m.cpu + m.redis + m.recorder;
    const diff = before ? total - before.cpu - before.redis - before.recorder : 0;
    const step = before ? ` (${diff < 0 ? '−' : '+'}${us(Math.abs(diff)).trim()})` : '';
    console.log(`  ${v.padEnd(9)} consumer ${us(m.cpu)} · redis ${us(m.redis)} · recorder ${us(m.recorder)} · all ${us(total)}${step} · drain ${m.wall.toFixed(2)} s`);
    before = m;
  }
  console.log(`load now ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
} finally {
  stopAll();
}
process.exit(0);
