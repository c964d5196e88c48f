/**
 * A learner's skills profile: per concept, the level they have reached
 * (none < overview < core < complete; the depths roadmaps teach at) and the
 * evidence behind it, each piece with its source and date:
 *
 * - quiz-assessed: the BKT belief from their answers. At the mastery
 *   threshold it counts as `complete`; at {@link QUIZ_CORE} or more, `core`;
 *   at {@link QUIZ_OVERVIEW}, `overview`; below, `none`;
 * - resource completed: a plan step marked done, at the depth that resource
 *   teaches the concept;
 * - self-reported: claims the learner made (the setup self-check, skills
 *   named in a career question and confirmed), kept in the record;
 * - assessed by a lead: claims a lead of their cohort made (`cohort assess`).
 *
 * How they combine, strongest evidence first (the README says the same):
 *   1. quiz answers, when there are any, decide: measured beats claimed, so
 *      "well" at setup followed by wrong answers reads `none`;
 *   2. else the latest lead assessment;
 *   3. else the highest of the resources completed and the self-report.
 * Every other piece is kept beside it (a lead's view is shown next to the
 * quiz's, never hidden). Goal levels ("junior data analyst: SQL core,
 * spreadsheets core, …") are met competency by competency on the combined
 * level. Pure: records in, profile out.
 */
import type { Depth, KnowledgeGraph } from '../graph/types.ts';
import type { SkillClaimRecord, SkillLevel } from '../ports/learner-store.port.ts';

export type { SkillLevel } from '../ports/learner-store.port.ts';
export type SkillClaim = SkillClaimRecord;

export const LEVEL_RANK: Record<SkillLevel, number> = { none: 0, overview: 1, core: 2, complete: 3 };
export const SKILL_LEVELS: readonly SkillLevel[] = ['none', 'overview', 'core', 'complete'];
/** Beliefs from which a quiz says a concept is known at core depth, and at overview. */
export const QUIZ_CORE = 0.8;
export const QUIZ_OVERVIEW = 0.6;
/** Self-check priors (SELF_ASSESSMENT_PRIOR in kt/bkt.ts: "well" 0.8, "a bit" 0.4), read back from records that predate claims. */
export const SELF_CORE = 0.8;
export const SELF_OVERVIEW = 0.4;

export type SkillSource =
  | { kind: 'quiz'; level: SkillLevel; at: string; p: number; attempts: number }
  | { kind: 'resource'; level: Depth; at: string | null; resource: string; title: string }
  | { kind: 'self'; level: SkillLevel; at: string; via: 'self-check' | 'career' }
  | { kind: 'lead'; level: SkillLevel; at: string; by: string };

export interface Skill {
  concept: string;
  title: string;
  /** The combined level (see the header). */
  level: SkillLevel;
  /** The kind of evidence the level comes from. */
  decidedBy: SkillSource['kind'];
  /** The deciding source first, then the others as they were gathered. */
  sources: SkillSource[];
}

export interface ProfileInput {
  mastery: Readonly<Record<string, { p: number; attempts: number; updatedAt: string }>>;
  steps: readonly { resourceId: string; concepts: readonly string[]; status: string; doneAt?: string }[];
  /** The record's claims; undefined for a record from before they were kept (the self-check is then inferred). */
  claims?: readonly SkillClaim[] | undefined;
  masteryThreshold: number;
}

function quizLevel(p: number, threshold: number): SkillLevel {
  return p >= threshold ? 'complete' : p >= QUIZ_CORE ? 'core' : p >= QUIZ_OVERVIEW ? 'overview' : 'none';
}

/**
 * The self-check of a record that predates claims: a belief with no answers
 * behind it that is exactly a self-check prior ("well" 0.8 → core, "a bit"
 * 0.4 → overview). A belief moved by a finished resource is not one.
 */
export function legacyClaims(mastery: ProfileInput['mastery']): SkillClaim[] {
  const out: SkillClaim[] = [];
  for (const [concept, m] of Object.entries(mastery)) {
    if (m.attempts !== 0) continue;
    const level: SkillLevel | null = m.p === SELF_CORE ? 'core' : m.p === SELF_OVERVIEW ? 'overview' : null;
    if (level) out.push({ concept, level, source: 'self', at: m.updatedAt, via: 'self-check' });
  }
  return out;
}

/** The claims to build on: the record's own, or those inferred from an older record. */
export function claimsOf(record: { claims?: readonly SkillClaim[] | undefined; mastery: ProfileInput['mastery'] }): SkillClaim[] {
  return record.claims ? [...record.claims] : legacyClaims(record.mastery);
}

/** The claims with `claim` added, replacing the earlier claim of the same concept and source (and lead). */
export function withClaim(claims: readonly SkillClaim[], claim: SkillClaim): SkillClaim[] {
  const same = (c: SkillClaim) => c.concept === claim.concept && c.source === claim.source && (claim.source !== 'lead' || c.by === claim.by);
  return [...claims.filter((c) => !same(c)), claim];
}

const latest = <T extends { at: string | null }>(list: T[]): T | undefined => list.reduce<T | undefined>((a, b) => (!a || (b.at ?? '') >= (a.at ?? '') ? b : a), undefined);
const highest = <T extends { level: SkillLevel }>(list: T[]): T | undefined => list.reduce<T | undefined>((a, b) => (!a || LEVEL_RANK[b.level] > LEVEL_RANK[a.level] ? b : a), undefined);

/** The source a skill's level comes from, by the order in the header. */
function deciding(sources: readonly SkillSource[]): SkillSource {
  const quiz = sources.find((s) => s.kind === 'quiz');
  if (quiz) return quiz;
  const lead = latest(sources.filter((s) => s.kind === 'lead'));
  if (lead) return lead;
  const self = latest(sources.filter((s) => s.kind === 'self'));
  return highest([...sources.filter((s) => s.kind === 'resource'), ...(self ? [self] : [])])!;
}

/**
 * Every concept with some evidence, highest level first, then by title. A
 * concept whose only evidence is a quiz that says `none` is left out (the
 * profile lists what is known, and where a claim and a quiz disagree).
 */
export function skillsProfile(graph: KnowledgeGraph, input: ProfileInput): Skill[] {
  const sources = new Map<string, SkillSource[]>();
  const add = (c: string, s: SkillSource) => graph.concepts.has(c) && sources.set(c, [...(sources.get(c) ?? []), s]);
  for (const [c, m] of Object.entries(input.mastery)) {
    if (m.attempts > 0) add(c, { kind: 'quiz', level: quizLevel(m.p, input.masteryThreshold), at: m.updatedAt, p: m.p, attempts: m.attempts });
  }
  for (const s of input.steps) {
    if (s.status !== 'done') continue;
    const r = graph.resources.get(s.resourceId);
    if (!r) continue;
    for (const c of r.teaches) add(c, { kind: 'resource', level: r.depth[c] ?? 'overview', at: s.doneAt ?? null, resource: r.id, title: r.title });
  }
  for (const cl of input.claims ?? legacyClaims(input.mastery)) {
    add(cl.concept, cl.source === 'lead' ? { kind: 'lead', level: cl.level, at: cl.at, by: cl.by ?? '' } : { kind: 'self', level: cl.level, at: cl.at, via: cl.via ?? 'self-check' });
  }
  const skills: Skill[] = [];
  for (const [concept, list] of sources) {
    const decider = deciding(list);
    if (decider.level === 'none' && list.every((s) => s.kind === 'quiz')) continue;
    skills.push({ concept, title: graph.concepts.get(concept)!.title, level: decider.level, decidedBy: decider.kind, sources: [decider, ...list.filter((s) => s !== decider)] });
  }
  return skills.sort((a, b) => LEVEL_RANK[b.level] - LEVEL_RANK[a.level] || (a.title < b.title ? -1 : 1));
}

/** Concepts the profile puts at `level` or above (career matching counts `core` and up as having a skill). */
export function conceptsAtLeast(profile: readonly Skill[], level: SkillLevel): string[] {
  return profile.filter((s) => LEVEL_RANK[s.level] >= LEVEL_RANK[level]).map((s) => s.concept);
}

export interface LevelProgress {
  goal: string;
  level: string;
  title: string;
  met: string[];
  missing: { concept: string; needs: Depth; has: SkillLevel | null }[];
}

/** Each career level of each goal, with the competencies met at the depth the level needs (on the combined level). */
export function levelProgress(graph: KnowledgeGraph, goals: readonly string[], profile: readonly Skill[]): LevelProgress[] {
  const has = new Map(profile.map((s) => [s.concept, s.level]));
  return goals.flatMap((id) =>
    (graph.goals.get(id)?.levels ?? []).map((lv) => {
      const met: string[] = [];
      const missing: LevelProgress['missing'] = [];
      for (const [c, needs] of Object.entries(lv.competencies)) {
        const h = has.get(c) ?? null;
        if (h && LEVEL_RANK[h] >= LEVEL_RANK[needs]) met.push(c);
        else missing.push({ concept: c, needs, has: h });
      }
      return { goal: id, level: lv.id, title: lv.title, met, missing };
    }),
  );
}

/** "3 of 5 junior data analyst skills at the level the role needs". */
export function levelSentence(p: LevelProgress): string {
  const total = p.met.length + p.missing.length;
  return `${p.met.length} of ${total} ${p.title.charAt(0).toLowerCase()}${p.title.slice(1)} skills at the level the role needs`;
}
