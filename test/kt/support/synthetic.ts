/**
 * Synthetic response data drawn from known BKT parameters with a seeded
 * generator, so tests can check that EM recovers them. No file from
 * ../shared is ever read by a test.
 */
import type { BktParams } from '../../../src/core/kt/bkt.ts';
import { seededRng } from '../../../src/core/random.ts';
import type { ResponseColumns } from '../../../src/core/kt/sequences.ts';

export interface SyntheticSkill {
  skill: string;
  params: BktParams;
}

export interface SyntheticOptions {
  learners: number;
  /** Answers per learner per skill, drawn uniformly from [min, max]. */
  minAnswers: number;
  maxAnswers: number;
  seed: number;
}

/**
 * Simulates every learner on every skill in turn (so each learner's rows are
 * grouped by skill, like the ASSISTments split). Per answer: correct with
 * probability 1−slip if the learner knows the skill, guess if not; then the
 * learner learns (prob. learn) or forgets (prob. forget). Starts knowing it
 * with probability prior.
 */
export function simulate(skills: readonly SyntheticSkill[], o: SyntheticOptions): ResponseColumns {
  const rng = seededRng(o.seed);
  const user: number[] = [];
  const skill: number[] = [];
  const correct: number[] = [];
  for (let u = 0; u < o.learners; u++) {
    skills.forEach((s, k) => {
      const p = s.params;
      const n = o.minAnswers + Math.floor(rng() * (o.maxAnswers - o.minAnswers + 1));
      let known = rng() < p.prior;
      for (let t = 0; t < n; t++) {
        const right = known ? rng() >= p.slip : rng() < p.guess;
        user.push(u);
        skill.push(k);
        correct.push(right ? 1 : 0);
        known = known ? rng() >= p.forget : rng() < p.learn;
      }
    });
  }
  return {
    length: user.length,
    user: Int32Array.from(user),
    skill: Int32Array.from(skill),
    correct: Uint8Array.from(correct),
    skillIds: skills.map((s) => s.skill),
    userCount: o.learners,
  };
}

/** The same rows as CSV text with a `user_id,skill_id,correct` header. */
export function toCsv(rows: ResponseColumns, userPrefix = 'u'): string {
  const lines = ['user_id,skill_id,correct'];
  for (let i = 0; i < rows.length; i++) lines.push(`${userPrefix}${rows.user[i]},${rows.skillIds[rows.skill[i]!]},${rows.correct[i]}`);
  return lines.join('\n') + '\n';
}
