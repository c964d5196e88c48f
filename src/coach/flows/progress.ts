/**
 * Progress toward the goal: P(L) per concept as bars (plan order), how many
 * are mastered, time spent, streak and reviews due, and how far the skills
 * profile is into the goal's career level.
 */
import { shownStreak } from '../../core/activity/streak.ts';
import { dateWithWeekday, minutesText, plural } from '../../core/text/wording.ts';
import type { Block, Reply } from '../../core/chat/messages.ts';
import { masteryOf } from '../learner.ts';
import { bar, buttons, commandButton, reply, say } from '../replies.ts';
import type { TurnContext } from '../turn.ts';
import { goalConcepts } from './goal.ts';
import { conceptTitle, goalTitles, requireGoal } from './planning.ts';
import { profileOf, roleLines } from './profile.ts';

const MAX_BARS = 15;

export async function progressReply(ctx: TurnContext): Promise<Reply> {
  requireGoal(ctx);
  const { services, learner } = ctx;
  const t = services.masteryThreshold;
  const inPlan = (learner.plan?.steps ?? []).flatMap((s) => s.concepts);
  const all = [...new Set([...inPlan, ...goalConcepts(services.graph, learner.goals)])];
  const mastered = all.filter((c) => masteryOf(services, learner, c) >= t).length;
  const steps = learner.plan?.steps ?? [];
  const done = steps.filter((s) => s.status === 'done').length;
  const due = (await services.store.dueCards(learner.learnerId, ctx.now, 100)).length;
  const bars: Block[] = all.slice(0, MAX_BARS).map((c) => bar(conceptTitle(ctx, c), masteryOf(services, learner, c)));
  const s = learner.stats;
  // The stored count is history once a day was missed: a broken streak reads 0, with the day it ended.
  const streak = shownStreak(s, ctx.now, learner.settings.timezone);
  const streakText = streak === 0 && s.lastActiveDay !== null ? `streak 0 (last active ${dateWithWeekday(s.lastActiveDay)})` : `${streak}-day streak`;
  return reply(
    say(`📈 Toward ${goalTitles(ctx)}: ${mastered}/${all.length} concepts mastered, ${done}/${steps.length} steps done.`),
    bar('Overall', all.length ? mastered / all.length : 0),
    ...bars,
    all.length > MAX_BARS ? say(`…and ${all.length - MAX_BARS} more.`) : null,
    say(`⏱️ ${minutesText(s.minutesSpent)} spent · 🔥 ${streakText} · 🔁 ${plural(due, 'review')} due`),
    // The goal's career levels on the combined skills profile ("profile" says what is still to reach).
    ...roleLines(ctx, profileOf(ctx).levels, false).map((line) => say(line)),
    buttons(commandButton("Today's task", 'today'), due > 0 ? commandButton('Review now', 'review', 'primary') : commandButton('Quiz me', 'quiz')),
  );
}
