import { createHash } from 'node:crypto';
/**
 * `cohort assess <member> <skill> <level>`: a lead of the channel's cohort
 * records their assessment of a member's skill, for a member who opted in
 * to sharing ("cohort share on"). It is kept in the member's record as a
 * claim of source `lead` (the lead's learner id and the date), shown in the
 * member's `profile` beside their quiz results and included in their
 * `export`; the member gets a note in their DM.
 *
 * Refused, each with what to do instead: not a lead, an unknown member or
 * one not in the cohort, a member who does not share, oneself, an unknown
 * skill, a level that is not one. A skill name that is not exact is matched
 * to the closest concept and the lead is asked to confirm it first.
 */
import { isForgotten } from '../forget-learner.ts';
import { mentioning, mentionUser, type ConversationRef, type Reply } from '../../core/chat/messages.ts';
import { deliverOnce } from '../../core/delivery/deliver-once.ts';
import { PathwiseError, UserError } from '../../core/errors.ts';
import type { CohortRecord, CohortStore } from '../../core/ports/cohort-store.port.ts';
import type { LearnerStore, SkillClaimRecord, SkillLevel } from '../../core/ports/learner-store.port.ts';
import { closestNames } from '../../core/text/edit-distance.ts';
import { cohortMention } from '../cohort-data.ts';
import { addClaim, learnerIdOf } from '../learner.ts';
import { mentionedUser } from '../mentions.ts';
import { buttons, commandButton, reply } from '../replies.ts';
import type { TurnContext } from '../turn.ts';

const USAGE = 'Say "cohort assess <member> <skill> <level>", e.g. "cohort assess @bo sql core". Levels: none, overview, core, complete.';

/** The words a lead may use for each level. */
const LEVEL_WORDS: Record<string, SkillLevel> = {
  none: 'none', 'not-yet': 'none', no: 'none', '0': 'none',
  overview: 'overview', basic: 'overview', basics: 'overview', beginner: 'overview', '1': 'overview',
  core: 'core', working: 'core', intermediate: 'core', '2': 'core',
  complete: 'complete', advanced: 'complete', expert: 'complete', full: 'complete', '3': 'complete',
};

const MAX_TRIES = 5;

/** The concept a lead named: exact (id, title, alias) or the closest one, with whether it was exact. */
function matchSkill(ctx: TurnContext, name: string): { id: string; exact: boolean } {
  const g = ctx.services.graph;
  const q = name.trim().toLowerCase();
  for (const c of g.concepts.values()) {
    if (c.id === q || c.title.toLowerCase() === q || c.aliases.some((a) => a.toLowerCase() === q)) return { id: c.id, exact: true };
  }
  const parsed = ctx.services.goals.parse(name);
  const byMeaning = parsed.match && g.concepts.has(parsed.match) ? parsed.match : parsed.candidates.find((c) => c.kind === 'concept' && g.concepts.has(c.id))?.id;
  if (byMeaning) return { id: byMeaning, exact: false };
  const titles = new Map([...g.concepts.values()].map((c) => [c.title.toLowerCase(), c.id]));
  const close = closestNames(q, [...titles.keys()])[0];
  if (close) return { id: titles.get(close)!, exact: false };
  const examples = [...g.concepts.values()].slice(0, 3).map((c) => c.title.toLowerCase());
  throw new UserError('UNKNOWN_CONCEPT', `I don't know a skill called "${name.slice(0, 40)}". Skills are the concepts of the roadmaps, e.g. ${examples.join(', ')}. ${USAGE}`);
}

/**
 * Adds the lead's claim to the member's record: read, add, compare-and-set,
 * again on a conflict (the member's own turn may be saving). Safe to run
 * twice: the same claim (same lead, concept and time) is written once.
 */
async function recordClaim(store: LearnerStore, memberId: string, claim: SkillClaimRecord): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const record = await store.getLearner(memberId);
    // A member forgotten meanwhile: nothing personal goes back into their tombstone.
    if (!record || isForgotten(record) || record.claims?.some((c) => c.source === 'lead' && c.by === claim.by && c.concept === claim.concept && c.at === claim.at)) return;
    const next = structuredClone(record);
    addClaim(next, claim);
    try {
      await store.putLearner(next, record.version);
      return;
    } catch (err) {
      if (!(err instanceof PathwiseError && err.code === 'STORE_CONFLICT') || attempt >= MAX_TRIES) throw err;
    }
  }
}

/** Sends the member a note in their DM, once per assessment; a failure is logged, and the profile shows it anyway. */
async function notifyMember(ctx: TurnContext, to: ConversationRef, cohort: CohortRecord, claim: SkillClaimRecord, title: string): Promise<void> {
  const { gateway, store, clock, log } = ctx.services;
  if (!gateway) return;
  const { audience: _channel, ...dm } = to;
  const lead = mentionUser(ctx.from.user);
  try {
    await deliverOnce(
      { store, gateway, clock },
      {
        // The lead's id only as a digest: the member's delivery record outlives a lead who asks to be forgotten.
        key: `assess:${claim.concept}:${createHash('sha256').update(claim.by ?? '').digest('base64url').slice(0, 16)}:${claim.at}:${to.user}`,
        learnerId: learnerIdOf(to),
        to: dm,
        compose: async () =>
          reply(
            mentioning`📝 ${lead}, a lead of ${cohortMention(cohort)}, assessed your ${title} at ${claim.level} (${claim.at.slice(0, 10)}). It's in your skills profile beside what your quizzes say.`,
            buttons(commandButton('My profile', 'profile')),
          ),
      },
    );
  } catch (err) {
    log?.log('warn', 'assess.notice_failed', { learnerId: learnerIdOf(to), code: err instanceof PathwiseError ? err.code : 'INTERNAL' });
  }
}

/** `cohort assess …` in the channel of `cohort` (resolved by the caller, with whether the person is one of its leads). */
export async function assess(ctx: TurnContext, here: { cohorts: CohortStore; cohort: CohortRecord; lead: boolean }, args: readonly string[]): Promise<Reply> {
  const { cohort } = here;
  if (!here.lead) throw new UserError('NOT_LEAD', "Only a lead of this channel's cohort can assess its members' skills.");
  const user = args.length >= 3 ? mentionedUser(args[0]!) : null;
  if (!user) throw new UserError('BAD_OPTION', USAGE);
  const memberId = learnerIdOf({ ...ctx.from, user });
  if (memberId === ctx.learnerId) throw new UserError('BAD_OPTION', "You can't assess your own skills: your quiz answers and self-check do that. Another lead can assess you.");
  const levelWord = args[args.length - 1]!.toLowerCase();
  const level = LEVEL_WORDS[levelWord];
  if (!level) throw new UserError('BAD_OPTION', `"${levelWord.slice(0, 20)}" is not a level. Levels: none, overview (knows the basics), core (uses it in everyday work), complete (knows it in depth), e.g. "cohort assess @bo sql core".`);
  const skillText = args.slice(1, -1).join(' ');
  const skill = matchSkill(ctx, skillText);
  const title = ctx.services.graph.concepts.get(skill.id)!.title;
  const membership = await here.cohorts.getMembership(cohort.cohortId, memberId);
  if (!membership) throw new UserError('NOT_MEMBER', `That person is not a member of this channel's cohort, so I can't record an assessment for them. They join with "cohort join".`);
  if (!membership.shareProgress) {
    throw new UserError('NOT_SHARING', `That member has not opted in to sharing their progress with the leads, so I can't record an assessment for them. They can say "cohort share on".`);
  }
  const member = await ctx.services.store.getLearner(memberId);
  if (!member || isForgotten(member)) throw new UserError('NOT_MEMBER', "I have no record of that member any more (they may have asked me to forget them).");
  if (!skill.exact) {
    // Not what the lead typed: say what was understood and let them confirm it with a button.
    return reply(
      mentioning`I read "${skillText.slice(0, 40)}" as ${title}. Record ${mentionUser(user)} at ${level} in ${title}?`,
      buttons(commandButton(`Yes, ${title} at ${level}`, `cohort assess ${user} ${skill.id} ${level}`, 'primary')),
    );
  }
  const claim: SkillClaimRecord = { concept: skill.id, level, source: 'lead', at: ctx.now.toISOString(), by: ctx.learnerId };
  // On the lead's own record, saved with this turn: their forget-me then knows to unname this assessment. The claim, which
  // names the lead, is written only after that record is saved (an effect, not a record of the turn): written first, a turn
  // that then failed to save left the lead's name in the member's profile with a record saying they never assessed, which
  // their forget-me would not read. A failure writing it fails the turn, and the lead is told.
  ctx.learner.assessedOthers = true;
  ctx.after(() => recordClaim(ctx.services.store, memberId, claim));
  ctx.after(() => notifyMember(ctx, member.conversation, cohort, claim, title));
  return reply(
    mentioning`📝 Recorded your assessment: ${mentionUser(user)} at ${level} in ${title} (${claim.at.slice(0, 10)}). They see it in their skills profile beside what their quizzes say, and I'm letting them know.`,
  );
}
