/**
 * Keeps one review prompt scheduled per learner (`learner:<id>:review`), at
 * the earliest due card rounded up to the next full hour so cards falling due
 * minutes apart arrive as one prompt. Nothing is scheduled while cards are
 * already due (the learner has been told) or while the learner is paused.
 */
import type { JobPayload } from '../../core/ports/scheduler.port.ts';
import type { TurnContext } from '../turn.ts';

export const reviewKey = (learnerId: string) => `learner:${learnerId}:review`;
export const dailyKey = (learnerId: string) => `learner:${learnerId}:daily`;
export const learnerKeyPrefix = (learnerId: string) => `learner:${learnerId}:`;

const HOUR = 3600_000;

export function scheduleReviewPrompt(ctx: TurnContext): void {
  const { learner, services, now } = ctx;
  const learnerId = learner.learnerId;
  ctx.afterAll('review-prompt', async () => {
    if (ctx.deleted || learner.settings.paused) return;
    const due = await services.store.nextDue(learnerId);
    if (!due || due.getTime() <= now.getTime()) return;
    const runAt = new Date(Math.ceil(due.getTime() / HOUR) * HOUR);
    const payload: JobPayload = { type: 'review-due', learnerId, to: learner.conversation };
    await services.scheduler.scheduleAt(reviewKey(learnerId), runAt, payload);
  });
}

/** Daily task at the learner's local hour (created or moved). */
export function scheduleDaily(ctx: TurnContext): void {
  const { learner, services } = ctx;
  const learnerId = learner.learnerId;
  ctx.afterAll('daily', async () => {
    if (ctx.deleted) return;
    if (learner.settings.paused || learner.goals.length === 0) {
      await services.scheduler.cancel(dailyKey(learnerId));
      return;
    }
    const { dailyHour: hour, timezone } = learner.settings;
    await services.scheduler.upsertDaily(dailyKey(learnerId), { hour, timezone }, { type: 'daily-task', learnerId, to: learner.conversation });
  });
}
