/**
 * Worker-thread entry of the fit pool (./fit-pool.ts): fits one skill per
 * message with the same pure function the single-threaded path calls, so
 * both paths give bit-identical parameters for the same seed.
 */
import { parentPort } from 'node:worker_threads';
import { fitSkill } from '../core/kt/em.ts';
import type { FitReply, FitTask } from './fit-pool.ts';

const port = parentPort;
if (!port) throw new Error('fit.worker.ts must run in a worker thread');
port.on('message', (task: FitTask) => {
  let reply: FitReply;
  try {
    reply = { id: task.id, fit: fitSkill(task.data, task.options) };
  } catch (err) {
    reply = { id: task.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  port.postMessage(reply);
});
