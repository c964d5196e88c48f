/**
 * One socket write per event-loop turn for a Redis connection, instead of
 * one per command.
 *
 * A worker runs many jobs at once, and their commands (a schedule-index
 * lookup, a delivery claim, a token take, BullMQ's job completions) come in
 * bursts: one reply frees several jobs, which each send their next command
 * in the same turn. ioredis writes each command to the socket at once, one
 * system call apiece, and Redis reads them one by one. Here the first
 * command of a turn corks the socket and the turn's end uncorks it, so the
 * burst goes out in one `writev` and Redis reads it in one go.
 *
 * Nothing else changes: the same commands, in the same order, on the same
 * connection, each answered separately (unlike MULTI, nothing is made
 * atomic; unlike ioredis's auto-pipelining, which measured more CPU than it
 * saved in the fan-out bench, no pipeline object is built per batch). A
 * command waits at most until the current turn ends.
 */
import type { Redis } from 'ioredis';

/** Makes `redis` coalesce the commands of one event-loop turn into one write; returns it. */
export function coalesceWrites(redis: Redis): Redis {
  let corked: Redis['stream'] | null = null;
  const uncork = (): void => {
    corked?.uncork();
    corked = null;
  };
  const send = redis.sendCommand.bind(redis);
  redis.sendCommand = (...args: Parameters<Redis['sendCommand']>) => {
    // Only a connected socket: before that, ioredis queues commands itself and writes them on connect.
    if (!corked && redis.status === 'ready' && redis.stream?.writable) {
      corked = redis.stream;
      corked.cork();
      process.nextTick(uncork);
    }
    return send(...args);
  };
  return redis;
}
