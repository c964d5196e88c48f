/**
 * `pathwise worker`: runs scheduled jobs (daily tasks, review prompts) as a
 * process of its own, on BullMQ (REDIS_URL) with the learner store the bot
 * uses (MONGODB_URL). Run as many copies as you like, on as many machines:
 * BullMQ hands each job to one worker, a worker that dies mid-job has it
 * taken back by stalled-job recovery, and deliverOnce keeps the learner from
 * getting it twice. SIGINT/SIGTERM stop taking jobs, let running ones finish,
 * and close the queue and the connections (src/app/root.ts). By default a
 * worker delivers and runs the slots' fan-outs; `--only fanout` and
 * `--only deliveries` split them over processes.
 */
import { UserError } from '../core/errors.ts';
import { isWorkerRole, WORKER_ROLES, type WorkerRole } from '../engines/bullmq/worker-roles.ts';
import type { CliCommand } from './cli.ts';

const USAGE = 'pathwise worker [--only deliveries|fanout]';

/** `--only deliveries|fanout` → that role; no flag → both. */
export function parseWorkerRoles(args: string[]): readonly WorkerRole[] {
  if (args.length === 0) return WORKER_ROLES;
  const role = args[1];
  if (args[0] !== '--only' || args.length !== 2 || !isWorkerRole(role)) throw new UserError('USAGE', `usage: ${USAGE}`);
  return [role];
}

export const workerCommand: CliCommand = {
  path: ['worker'],
  usage: USAGE,
  summary: 'run scheduled jobs (daily tasks, reviews) as a separate process on BullMQ; needs REDIS_URL. --only fanout runs the slots\' fan-outs alone, --only deliveries the rest',
  async run(args, io, config) {
    const roles = parseWorkerRoles(args);
    const { runRole, startWorker } = await import('../app/root.ts');
    return runRole(() => startWorker(config, io, roles), io);
  },
};
