/**
 * The weekly cohort post as the coach composes it (summaryReply over a pure
 * summary of real-looking member snapshots), for checking how each platform
 * shows the channel and the members it names.
 */
import { summaryReply } from '../../src/coach/cohort-data.ts';
import type { ConversationRef, Reply } from '../../src/core/chat/messages.ts';
import { summarizeWeek, weekBefore, type MemberSnapshot } from '../../src/core/cohort/cohort-summary.ts';
import type { CohortRecord } from '../../src/core/ports/cohort-store.port.ts';
import { learnerRecord } from '../contracts/learner-store.contract.ts';
import { fixtureGraph } from './fixture-graph.ts';

/** The Monday the post runs on: it covers Monday 2026-03-02 to Sunday 2026-03-08. */
const RUN_DAY = '2026-03-09';

/** The post for a cohort in `channel` whose members `users` (platform ids) all share their progress and finished a step this week. */
export function cohortPost(channel: ConversationRef, users: readonly string[]): Promise<Reply> {
  const cohort: CohortRecord = {
    cohortId: 'c1',
    channelKey: `${channel.platform}:${channel.workspace}:${channel.channel}`,
    channel: { ...channel, audience: 'channel' },
    name: `#${channel.channel}`,
    goal: null,
    leads: [],
    schedule: { weekday: 1, hour: 9, timezone: 'UTC' },
    createdAt: '2026-03-01T09:00:00Z',
  };
  const members: MemberSnapshot[] = users.map((user) => {
    const learnerId = `${channel.platform}:${channel.workspace}:${user}`;
    return {
      learnerId,
      share: true,
      record: learnerRecord(learnerId, {
        plan: {
          createdAt: '2026-03-01T09:00:00Z',
          totalCost: 2,
          optimal: true,
          steps: [
            { resourceId: 'r1', concepts: ['basics'], minutes: 30, reason: 'x', status: 'done', doneAt: '2026-03-04T10:00:00Z' },
            { resourceId: 'r2', concepts: ['basics'], minutes: 30, reason: 'x', status: 'todo' },
          ],
        },
      }),
      weekAttempts: [{ learnerId, itemId: 'basics-q1', conceptId: 'basics', correct: true, at: '2026-03-04T10:00:00Z' }],
    };
  });
  return summaryReply(fixtureGraph(), cohort, summarizeWeek(members, weekBefore(RUN_DAY, cohort.schedule.timezone), new Date(`${RUN_DAY}T09:00:00Z`)), false);
}
