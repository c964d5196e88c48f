/**
 * Lexical and semantic scores together: what the parser answers when the
 * phrase names nothing it knows outright ("predict which customers will
 * leave"), or names something but says much more. A name said is the
 * strongest evidence there is, so the lexical parser's own match stands
 * unless it explains little of the phrase (below); otherwise, per node,
 *
 *   combined = SEM_SHARE · sem + (1 − SEM_SHARE) · lex
 *
 * Meaning leads: without a name said outright, the lexical score only
 * reflects shared words ("website" in "Front-end developer"'s alias), which
 * breaks ties rather than decides. The top node is the match when its
 * semantic score reaches {@link SEM_MATCH}, the phrase gives enough to go on
 * ({@link MIN_EVIDENCE}), the node speaks to more than one of its words
 * ({@link MIN_COVERED}), and its combined score leads the
 * runner-up by {@link SEM_MARGIN}; closer than that, the coach asks.
 * Candidates by meaning need the same evidence as a match (one everyday
 * word, "no idea", offers none). Out-of-domain text ("bake sourdough bread") keeps "no match": its best
 * semantic score stays under SEM_MATCH, and under {@link SEM_CANDIDATE}
 * nothing is even offered.
 *
 * A name said is overruled only when its words explain under
 * {@link NAME_SHARE_SURE} of the phrase's weight (a phrase that says
 * "automated testing" on the way to describing a release pipeline): then a
 * semantic match stands if its node is at least {@link OVERRIDE_MARGIN}
 * closer in meaning than the named one. The constants come from a sweep on
 * bench/goal-meaning.tsv (README, "Goal understanding benchmark"), choosing
 * the safer SEM_MATCH of the two best (0.5 matched 5 more phrases, with less
 * room above the out-of-domain ones).
 */
import type { NodeKind } from './goal-index.ts';

export const SEM_SHARE = 0.8;
/** Semantic score a match needs (out-of-domain phrases of bench/goal-meaning.tsv reach about 0.5). */
export const SEM_MATCH = 0.55;
export const SEM_MARGIN = 0.02;
/** Evidence (summed word weight, goal-semantic.ts) a match needs: more than one everyday word ("data", "web"). */
export const MIN_EVIDENCE = 2;
/** A phrase of two or more known words matches a node only when it covers at least this many of them (goal-semantic.ts, `covered`). */
export const MIN_COVERED = 2;
/** A node meaning alone suggests is offered as a candidate only from this score, and within {@link CANDIDATE_SPREAD} of the best. */
export const SEM_CANDIDATE = 0.5;
/**
 * 0.2: a described phrase's right node can sit a little below a node that
 * shares one striking word with it ("keep my services running across many
 * servers…": load balancing 0.72, Kubernetes 0.56); 0.15 left it out of the
 * choices. Swept 0.15–0.25 (README, "Goal understanding benchmark").
 */
export const CANDIDATE_SPREAD = 0.2;

/** A name match that explains at least this share of the phrase is not second-guessed by meaning. */
export const NAME_SHARE_SURE = 0.4;
/** A name match explaining less is overruled by a semantic match this much closer in meaning. */
export const OVERRIDE_MARGIN = 0.15;
/**
 * A name said only in part ("budget" of "AWS Budgets") stands only when the
 * phrase's meaning is at least this close to the node (a candidate's
 * {@link SEM_CANDIDATE}): "plan a wedding on a small budget" is no AWS question.
 */
export const PARTIAL_NAME_SUPPORT = SEM_CANDIDATE;
/**
 * A phrase of role words only ("sysadmin", "an engineer") matches by meaning
 * only this far ahead of the runner-up: "engineer" fits six goals nearly
 * alike, and the coach asks which.
 */
export const ROLE_ONLY_MARGIN = 0.1;

/** The constants above, overridable for measurement (bench sweeps). */
export interface CombineRule {
  semShare: number;
  semMatch: number;
  semMargin: number;
  minEvidence: number;
  minCovered: number;
  semCandidate: number;
  candidateSpread: number;
  /** A name match explaining at least this share of the phrase stands without asking the meaning. */
  nameShareSure: number;
  /** Otherwise meaning overrules it when its own match is this much closer in meaning. */
  overrideMargin: number;
  /** A name said only in part needs at least this semantic score to stand. */
  partialNameSupport: number;
  /** Lead a phrase of role words only needs over the runner-up. */
  roleOnlyMargin: number;
}

export const COMBINE_DEFAULTS: CombineRule = {
  semShare: SEM_SHARE,
  semMatch: SEM_MATCH,
  semMargin: SEM_MARGIN,
  minEvidence: MIN_EVIDENCE,
  minCovered: MIN_COVERED,
  semCandidate: SEM_CANDIDATE,
  candidateSpread: CANDIDATE_SPREAD,
  nameShareSure: NAME_SHARE_SURE,
  overrideMargin: OVERRIDE_MARGIN,
  partialNameSupport: PARTIAL_NAME_SUPPORT,
  roleOnlyMargin: ROLE_ONLY_MARGIN,
};

export interface Scored {
  id: string;
  title: string;
  kind: NodeKind;
  lex: number;
  sem: number;
  /** How many of the phrase's words the node's texts cover. */
  covered: number;
}

export interface Combined {
  match: string | null;
  ranked: (Scored & { score: number })[];
}

/**
 * Ranks nodes by the combined score and applies the rule above. `careerOnly`:
 * the phrase asks to be something, so only goals may answer.
 */
export function combineScores(nodes: readonly Scored[], opts: { careerOnly: boolean; lexCandidate: number; evidence: number; words: number; roleOnly?: boolean }, rule: CombineRule = COMBINE_DEFAULTS): Combined {
  const pool = nodes.filter((n) => !opts.careerOnly || n.kind === 'goal');
  const bestSem = pool.reduce((m, n) => Math.max(m, n.sem), 0);
  const ranked = pool
    .map((n) => ({ ...n, score: rule.semShare * n.sem + (1 - rule.semShare) * n.lex }))
    .filter((n) => n.lex >= opts.lexCandidate || (opts.evidence >= rule.minEvidence && n.sem >= rule.semCandidate && n.sem >= bestSem - rule.candidateSpread))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  const [top, second] = ranked;
  const match =
    top && opts.evidence >= rule.minEvidence && top.covered >= Math.min(rule.minCovered, opts.words) && top.sem >= rule.semMatch && (!second || top.score - second.score >= (opts.roleOnly ? rule.roleOnlyMargin : rule.semMargin)) ? top.id : null;
  return { match, ranked };
}
