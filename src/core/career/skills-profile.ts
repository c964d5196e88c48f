/**
 * A learner's skills profile: per concept, the level they have reached
 * (overview < core < complete, the depths roadmaps teach at) and the evidence
 * behind it, each with its source and date:
 *
 * - quiz-assessed: the BKT belief from their answers. At the mastery
 *   threshold it counts as `complete`; at {@link QUIZ_CORE} or more, `core`;
 *   at {@link QUIZ_OVERVIEW}, `overview`;
 * - resource completed: a plan step marked done, at the depth that resource
 *   teaches the concept;
 * - self-reported: the onboarding self-check ("how well do you know SQL?")
 *   leaves a belief with no answers behind it: "well" (prior 0.8) is `core`,
 *   "a bit" (0.4) `overview`;
 * - self-reported and lead-assessed claims made elsewhere, as plain data (`claims`).
 *
 * A skill's level is the highest any source gives. Goal levels ("junior data
 * analyst: SQL core, spreadsheets core, …") are then met competency by
 * competency. Pure: records in, profile out.
 */
import type { Depth, KnowledgeGraph } from '../graph/types.ts';

export const DEPTH_RANK: Record<Depth, number> = { overview: 1, core: 2, complete: 3 };
/** Beliefs from which a quiz says a concept is known at core depth, and at overview. */
export const QUIZ_CORE = 0.8;
export const QUIZ_OVERVIEW = 0.6;
/** Self-check priors (SELF_ASSESSMENT_PRIOR in kt/bkt.ts: "well" 0.8, "a bit" 0.4) read back as levels. */
export const SELF_CORE = 0.8;
export const SELF_OVERVIEW = 0.4;

export type SkillSource =
  | { kind: 'quiz'; level: Depth; at: string; p: number; attempts: number }
  | { kind: 'resource'; level: Depth; at: string | null; resource: string; title: string }
  | { kind: 'self'; level: Depth; at: string }
  | { kind: 'lead'; level: Depth; at: string; by: string };

/** A claim someone made about a skill: the learner (self) or a lead of their cohort. */
export interface SkillClaim {
  concept: string;
  level: Depth;
  source: 'self' | 'lead';
  at: string;
  /** The lead's learner id, for `lead`. */
  by?: string;
}

export interface Skill {
  concept: string;
  title: string;
  level: Depth;
  sources: SkillSource[];
}

export interface ProfileInput {
  mastery: Readonly<Record<string, { p: number; attempts: number; updatedAt: string }>>;
  steps: readonly { resourceId: string; concepts: readonly string[]; status: string; doneAt?: string }[];
  claims?: readonly SkillClaim[];
  masteryThreshold: number;
}

function quizLevel(p: number, threshold: number): Depth | null {
  return p >= threshold ? 'complete' : p >= QUIZ_CORE ? 'core' : p >= QUIZ_OVERVIEW ? 'overview' : null;
}

/** Every concept with some evidence, highest level first, then by title. */
export function skillsProfile(graph: KnowledgeGraph, input: ProfileInput): Skill[] {
  const sources = new Map<string, SkillSource[]>();
  const add = (c: string, s: SkillSource) => graph.concepts.has(c) && sources.set(c, [...(sources.get(c) ?? []), s]);
  for (const [c, m] of Object.entries(input.mastery)) {
    if (m.attempts === 0) {
      const level: Depth | null = m.p >= SELF_CORE ? 'core' : m.p >= SELF_OVERVIEW ? 'overview' : null;
      if (level) add(c, { kind: 'self', level, at: m.updatedAt });
      continue;
    }
    const level = quizLevel(m.p, input.masteryThreshold);
    if (level) add(c, { kind: 'quiz', level, at: m.updatedAt, p: m.p, attempts: m.attempts });
  }
  for (const s of input.steps) {
    if (s.status !== 'done') continue;
    const r = graph.resources.get(s.resourceId);
    if (!r) continue;
    for (const c of r.teaches) add(c, { kind: 'resource', level: r.depth[c] ?? 'overview', at: s.doneAt ?? null, resource: r.id, title: r.title });
  }
  for (const cl of input.claims ?? []) add(cl.concept, cl.source === 'lead' ? { kind: 'lead', level: cl.level, at: cl.at, by: cl.by ?? 'a lead' } : { kind: 'self', level: cl.level, at: cl.at });
  return [...sources]
    .map(([concept, list]) => ({
      concept,
      title: graph.concepts.get(concept)!.title,
      level: list.reduce<Depth>((best, s) => (DEPTH_RANK[s.level] > DEPTH_RANK[best] ? s.level : best), 'overview'),
      sources: list,
    }))
    .sort((a, b) => DEPTH_RANK[b.level] - DEPTH_RANK[a.level] || (a.title < b.title ? -1 : 1));
}

export interface LevelProgress {
  goal: string;
  level: string;
  title: string;
  met: string[];
  missing: { concept: string; needs: Depth; has: Depth | null }[];
}

/** Each career level of each goal, with the competencies met at the depth the level needs. */
export function levelProgress(graph: KnowledgeGraph, goals: readonly string[], profile: readonly Skill[]): LevelProgress[] {
  const has = new Map(profile.map((s) => [s.concept, s.level]));
  return goals.flatMap((id) =>
    (graph.goals.get(id)?.levels ?? []).map((lv) => {
      const met: string[] = [];
      const missing: LevelProgress['missing'] = [];
      for (const [c, needs] of Object.entries(lv.competencies)) {
        const h = has.get(c) ?? null;
        if (h && DEPTH_RANK[h] >= DEPTH_RANK[needs]) met.push(c);
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
