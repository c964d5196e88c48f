/**
 * A `pathwise worker` stand-in for child-process tests, run as
 *   node bin/run-ts.js test/support/delivery-worker.ts '<json options>'
 *
 * It runs the real BullMQ scheduler's workers (deliveries and the slots'
 * fan-outs, as `pathwise worker` does by default) with a handler shaped like the
 * coach's job handler (idempotency key per learner and local day → deliverOnce
 * → ChatGateway), delivering to a loopback recorder and recording deliveries
 * in files. Test-only hooks make it SIGKILL itself at a chosen point, the way
 * an OOM kill or a pulled plug would. It prints one JSON line per event.
 */
import { deliverOnce } from '../../src/core/delivery/deliver-once.ts';
import { text } from '../../src/core/chat/messages.ts';
import { systemClock } from '../../src/core/ports/clock.port.ts';
import type { RunningJob } from '../../src/core/ports/scheduler.port.ts';
import { BullMqScheduler } from '../../src/engines/bullmq/bullmq.scheduler.ts';
import { NedbLearnerStore } from '../../src/engines/embedded/nedb-learner-store.ts';
import { HttpChatGateway } from './chat-recorder.ts';
import { FileDeliveryStore } from './file-delivery-store.ts';

export interface DeliveryWorkerOptions {
  name: string;
  redisUrl: string;
  prefix: string;
  storeDir: string;
  /**
   * Where delivery records live: the embedded nedb store (one process at a
   * time, as in the kill tests, where the second worker starts after the
   * first died) or files, one folder per key (several processes at once).
   */
  store: 'nedb' | 'files';
  recorderUrl: string;
  concurrency: number;
  lockDuration: number;
  stalledInterval: number;
  /** Kill this process right after deliverOnce recorded the send as done, before BullMQ hears the job completed. */
  killAfterSend?: boolean;
  /** Kill this process after the `sending` record and before the message goes out. */
  killBeforeSend?: boolean;
  /** Kill this process after the platform accepted the message and before `sent` was recorded (the window that made duplicates before claims). */
  killAfterAccept?: boolean;
  /** How often a job may be taken back from a dead worker before BullMQ fails it (default 1, BullMQ's). */
  maxStalledCount?: number;
  /** How long a delivery claim holds (default 1.5 s here, so a dead worker's claim is settled quickly). */
  leaseMs?: number;
  /** Milliseconds each handler call waits before delivering (spreads jobs over workers). */
  handlerDelayMs?: number;
}

const opts = JSON.parse(process.argv[2] ?? '{}') as DeliveryWorkerOptions;
const emit = (e: Record<string, unknown>): void => {
  process.stdout.write(JSON.stringify({ worker: opts.name, ...e }) + '\n');
};

/** The learner's local calendar date of a run; the daily idempotency key is per learner and this date. */
function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

const store = opts.store === 'nedb' ? await NedbLearnerStore.open(opts.storeDir) : new FileDeliveryStore(opts.storeDir);
const http = new HttpChatGateway(opts.recorderUrl);
const gateway = {
  async send(...args: Parameters<HttpChatGateway['send']>) {
    if (opts.killBeforeSend) process.kill(process.pid, 'SIGKILL');
    const sent = await http.send(...args);
    if (opts.killAfterAccept) process.kill(process.pid, 'SIGKILL');
    return sent;
  },
  findSent: (...args: Parameters<HttpChatGateway['findSent']>) => http.findSent(...args),
};

async function handle(job: RunningJob): Promise<void> {
  if (job.payload.type === 'cohort-summary') throw Object.assign(new Error('not handled here'), { code: 'JOB_UNRECOVERABLE' });
  const { learnerId, to } = job.payload;
  const key = `${job.payload.type}:${learnerId}:${localDate(job.scheduledFor, 'Europe/Berlin')}`;
  if (opts.handlerDelayMs) await new Promise((r) => setTimeout(r, opts.handlerDelayMs));
  const outcome = await deliverOnce(
    { store, gateway, clock: systemClock, leaseMs: opts.leaseMs ?? 1500, onAmbiguous: (k, how) => emit({ event: 'ambiguous', key: k, how }) },
    { key, learnerId, to, compose: async () => ({ blocks: [text(`task ${key}`)] }) },
  );
  emit({ event: 'delivered', key, outcome, attempt: job.attempt });
  if (opts.killAfterSend && outcome === 'sent') process.kill(process.pid, 'SIGKILL');
}

const scheduler = new BullMqScheduler({
  redis: opts.redisUrl,
  prefix: opts.prefix,
  concurrency: opts.concurrency,
  retry: { attempts: 5, backoffMs: 50 },
  stalled: { lockDuration: opts.lockDuration, stalledInterval: opts.stalledInterval, maxStalledCount: opts.maxStalledCount ?? 1 },
  onEvent: (e) => emit({ event: e.type, detail: e }),
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  emit({ event: 'stopping', signal });
  await scheduler.stop();
  if (store instanceof NedbLearnerStore) await store.close();
  emit({ event: 'stopped' });
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

await scheduler.start(handle);
emit({ event: 'ready', pid: process.pid });
