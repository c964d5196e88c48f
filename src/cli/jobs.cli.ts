/**
 * `pathwise jobs failed|retry|drop|reconcile`: the dead-letter view of the BullMQ
 * queue, and rebuilding its schedules from the store (src/coach/reconcile.ts).
 * Runs that used up their retries (or failed as unrecoverable) wait there
 * with the reason and the attempts made, until retried or dropped.
 */
import { plural } from '../core/text/wording.ts';
import type { Config } from '../config.ts';
import { PathwiseError, UserError } from '../core/errors.ts';
import type { DeadLetters, FailedJob } from '../engines/bullmq/dead-letters.ts';
import { write, type CliCommand, type CliIo } from './cli.ts';

/** How long one `pathwise jobs` command waits for Redis before giving up with a message. */
const JOBS_TIMEOUT_MS = 15_000;

async function withDeadLetters<T>(config: Config, f: (d: DeadLetters) => Promise<T>): Promise<T> {
  if (!config.redisUrl) {
    throw new UserError('REDIS_NOT_CONFIGURED', 'pathwise jobs reads the BullMQ queue: set REDIS_URL (and PATHWISE_QUEUE_PREFIX if you changed it).');
  }
  const { BullMqScheduler } = await import('../engines/bullmq/bullmq.scheduler.ts');
  const { probeRedis, redactUrl } = await import('../engines/bullmq/redis-connection.ts');
  await probeRedis(config.redisUrl);
  const scheduler = new BullMqScheduler({ redis: config.redisUrl, prefix: config.queue.prefix });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PathwiseError('JOBS_TIMEOUT', `Redis at ${redactUrl(config.redisUrl!)} did not answer within ${JOBS_TIMEOUT_MS / 1000} s; nothing was changed that was not reported.`)), JOBS_TIMEOUT_MS);
  });
  try {
    return await Promise.race([f(scheduler.deadLetters()), timeout]);
  } finally {
    clearTimeout(timer);
    // A Redis that stopped answering must not hold the command open: closing gets 2 s.
    await Promise.race([scheduler.stop().catch(() => undefined), new Promise((r) => setTimeout(r, 2_000).unref())]);
  }
}

function line(j: FailedJob): string {
  const when = j.failedAt ? j.failedAt.toISOString() : '?';
  return `${j.id}  ${j.type}  ${j.subject ?? '?'}  attempts ${j.attemptsMade}/${j.maxAttempts}  failed ${when}\n    ${j.reason}`;
}

function parseLimit(args: string[]): number {
  const i = args.indexOf('--limit');
  if (i < 0) return 50;
  const n = Number(args[i + 1]);
  if (!Number.isInteger(n) || n < 1) throw new UserError('USAGE', '--limit needs a whole number of at least 1');
  return n;
}

export const jobsFailed: CliCommand = {
  path: ['jobs', 'failed'],
  usage: 'pathwise jobs failed [--limit N]',
  summary: 'list failed scheduled runs (BullMQ dead letters) with reason and attempts',
  async run(args, io, config) {
    const limit = parseLimit(args);
    const [total, jobs] = await withDeadLetters(config, async (d) => [await d.count(), await d.list(limit)] as const);
    if (total === 0) {
      write(io.stdout, 'No failed jobs.');
      return 0;
    }
    for (const j of jobs) write(io.stdout, line(j));
    write(io.stdout, `${plural(total, 'failed job')}${total > jobs.length ? `, ${jobs.length} shown` : ''}. Retry: pathwise jobs retry <id>|--all · Drop: pathwise jobs drop <id>|--all`);
    return 0;
  },
};

function act(verb: 'retry' | 'drop', summary: string): CliCommand {
  return {
    path: ['jobs', verb],
    usage: `pathwise jobs ${verb} <id>|--all`,
    summary,
    async run(args: string[], io: CliIo, config: Config) {
      const target = args[0];
      if (!target) throw new UserError('USAGE', `name a job id (from pathwise jobs failed) or --all`);
      if (target === '--all') {
        const n = await withDeadLetters(config, (d) => (verb === 'retry' ? d.retryAll() : d.dropAll()));
        write(io.stdout, `${verb === 'retry' ? 'Retried' : 'Dropped'} ${plural(n, 'failed job')}.`);
        return 0;
      }
      const ok = await withDeadLetters(config, (d) => (verb === 'retry' ? d.retry(target) : d.drop(target)));
      if (!ok) {
        write(io.stderr, `✖ no failed job with id ${target}`);
        return 1;
      }
      write(io.stdout, `${verb === 'retry' ? 'Retrying' : 'Dropped'} ${target}.`);
      return 0;
    },
  };
}

export const jobsRetry = act('retry', 'put a failed run (or all) back in the queue with its retries restored');
export const jobsDrop = act('drop', 'delete a failed run (or all) from the dead letters');

export const jobsReconcile: CliCommand = {
  path: ['jobs', 'reconcile'],
  usage: 'pathwise jobs reconcile',
  summary: 'rebuild the schedules (daily tasks, reviews, cohort summaries) from the learner store, catching up runs missed in the last 3 hours',
  async run(_args, io, config) {
    if (!config.redisUrl) {
      throw new UserError('REDIS_NOT_CONFIGURED', 'pathwise jobs reconcile rebuilds the BullMQ schedules: set REDIS_URL (and MONGODB_URL for the learner store).');
    }
    const { reconcileOnce } = await import('../app/root.ts');
    const r = await reconcileOnce(config);
    if (r.skipped) {
      write(io.stdout, 'Another process (a worker) is rebuilding the schedules right now; nothing done here. Its result is in its log; run this again once it is done if you still need to.');
      return 0;
    }
    write(
      io.stdout,
      `Reconciled ${r.learners} learner(s): ${r.daily} daily task(s), ${r.reviews} review prompt(s) re-queued, ${r.cohorts} cohort summary(ies) re-armed, ` +
        `${r.removed} stale schedule(s) removed, ${r.caughtUp} missed daily slot(s) caught up.`,
    );
    return 0;
  },
};
