/**
 * `pathwise worker`: runs scheduled jobs (daily tasks, review prompts) as a
 * process of its own, on BullMQ (REDIS_URL) with the learner store the bot
 * uses (MONGODB_URL). Run as many copies as you like, on as many machines:
 * BullMQ hands each job to one worker, a worker that dies mid-job has it
 * taken back by stalled-job recovery, and deliverOnce keeps the learner from
 * getting it twice. SIGINT/SIGTERM stop taking jobs, let running ones finish,
 * and close the queue and the connections (src/app/root.ts).
 */
import type { CliCommand } from './cli.ts';

export const workerCommand: CliCommand = {
  path: ['worker'],
  usage: 'pathwise worker',
  summary: 'run scheduled jobs (daily tasks, reviews) as a separate process on BullMQ; needs REDIS_URL',
  async run(_args, io, config) {
    const { runRole, startWorker } = await import('../app/root.ts');
    return runRole(() => startWorker(config, io), io);
  },
};
