/**
 * Settings: daily hour, time zone, minutes per day, preferred and avoided
 * formats, pause and resume. A change moves the daily schedule, and a change
 * to time or formats replans.
 */
import type { Reply } from '../../core/chat/messages.ts';
import { RESOURCE_TYPES, type ResourceType } from '../../core/graph/types.ts';
import { UserError } from '../../core/errors.ts';
import { isValidTimeZone } from '../../core/schedule/daily-time.ts';
import type { CommandArgs } from '../command.ts';
import { buttons, commandButton, reply, say } from '../replies.ts';
import type { TurnContext } from '../turn.ts';
import { replan } from './planning.ts';
import { learnerKeyPrefix, scheduleDaily, scheduleReviewPrompt } from './review-schedule.ts';

function formats(value: string, what: string): ResourceType[] {
  if (/^(none|-)$/i.test(value.trim())) return [];
  const list = value.split(/[\s,]+/).filter(Boolean).map((f) => f.toLowerCase().replace(/s$/, ''));
  const bad = list.filter((f) => !(RESOURCE_TYPES as readonly string[]).includes(f));
  if (bad.length > 0) throw new UserError('BAD_OPTION', `${what} must be formats from: ${RESOURCE_TYPES.join(', ')} (or "none").`);
  return [...new Set(list)] as ResourceType[];
}

export function describeSettings(ctx: TurnContext): Reply {
  const s = ctx.learner.settings;
  const f = (l: string[]) => (l.length ? l.join(', ') : 'none');
  return reply(
    say(
      `⚙️ Daily task at ${String(s.dailyHour).padStart(2, '0')}:00 (${s.timezone}), ${s.minutesPerDay} min/day, ` +
        `prefers ${f(s.preferredFormats)}, avoids ${f(s.avoidedFormats)}${s.paused ? ', PAUSED' : ''}.\n` +
        'Change with e.g. "settings hour=8", "settings timezone=Europe/Berlin", "settings minutes=45", ' +
        '"settings prefer=video,exercise", "settings avoid=article", "settings paused=yes".',
    ),
    buttons(s.paused ? commandButton('Resume', 'settings paused=no', 'primary') : commandButton('Pause', 'settings paused=yes')),
  );
}

export function applySettings(ctx: TurnContext, args: CommandArgs): Reply {
  const s = ctx.learner.settings;
  const changes: string[] = [];
  let reschedule = false;
  let plan = false;
  if (args.hour !== undefined) {
    s.dailyHour = Number(args.hour);
    reschedule = true;
    changes.push(`daily hour ${s.dailyHour}:00`);
  }
  if (args.timezone !== undefined) {
    const tz = String(args.timezone);
    if (!isValidTimeZone(tz)) throw new UserError('BAD_TIMEZONE', "I don't know that time zone. Use a name like Europe/Berlin or America/New_York.");
    s.timezone = tz;
    reschedule = true;
    changes.push(`time zone ${tz}`);
  }
  if (args.minutes !== undefined) {
    s.minutesPerDay = Number(args.minutes);
    plan = true;
    changes.push(`${s.minutesPerDay} min/day`);
  }
  if (args.prefer !== undefined) {
    s.preferredFormats = formats(String(args.prefer), 'prefer');
    s.avoidedFormats = s.avoidedFormats.filter((f) => !s.preferredFormats.includes(f));
    plan = true;
    changes.push(`prefers ${s.preferredFormats.join(', ') || 'nothing in particular'}`);
  }
  if (args.avoid !== undefined) {
    s.avoidedFormats = formats(String(args.avoid), 'avoid');
    s.preferredFormats = s.preferredFormats.filter((f) => !s.avoidedFormats.includes(f));
    plan = true;
    changes.push(`avoids ${s.avoidedFormats.join(', ') || 'nothing'}`);
  }
  if (args.paused !== undefined && Boolean(args.paused) !== s.paused) {
    s.paused = Boolean(args.paused);
    changes.push(s.paused ? 'paused: no daily tasks or review prompts until you resume' : 'resumed');
    if (s.paused) {
      const id = ctx.learnerId;
      ctx.after(async () => void (await ctx.services.scheduler.cancelPrefix(learnerKeyPrefix(id))));
    } else {
      reschedule = true;
      scheduleReviewPrompt(ctx);
    }
  }
  if (changes.length === 0) return describeSettings(ctx);
  if (plan && ctx.learner.onboarding === 'done') replan(ctx);
  if (reschedule && ctx.learner.onboarding === 'done') scheduleDaily(ctx);
  return reply(say(`Saved: ${changes.join('; ')}.${plan && ctx.learner.plan ? ' Your plan was updated.' : ''}`));
}
