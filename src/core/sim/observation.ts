/**
 * What a teaching policy chooses among and what it sees: the actions
 * (their meaning is in episode.ts) and the observation of the current
 * concept, built by the episode from the coach's side only (plus the latent
 * truth, which only the oracle baseline reads).
 */
export const ACTIONS = ['proceed', 'substitute', 'remediate', 'skip', 'hint', 'quiz'] as const;
export type Action = (typeof ACTIONS)[number];

/** What the policy sees about the current concept: the coach's evidence (the latent truth only in `oracle`, for the oracle baseline). */
export interface Observation {
  /** Index of the current concept in the course, and the course size. */
  concept: number;
  concepts: number;
  difficulty: number;
  /** The coach's P(L) and the mastery rule's verdict. */
  belief: number;
  mastered: boolean;
  itemsToGo: number;
  needsSitting: boolean;
  /** Quiz answers on this concept during this visit, and wrong answers in a row (any visit). */
  attempts: number;
  wrongStreak: number;
  /** The last three answers on this concept, newest first: 1 right, −1 wrong, 0 none. */
  recent: [number, number, number];
  /** Items not yet asked this session (their answers still count as evidence). */
  freshItems: number;
  /** Prerequisites inside the course; the lowest coach belief among them (1 without any), and how many are below the threshold. */
  prereqs: number;
  prereqMin: number;
  prereqWeak: number;
  /** Planned resources not yet studied, and the next one's features. */
  plannedLeft: number;
  nextMinutes: number;
  nextShare: number;
  nextPreferred: boolean;
  nextInteractive: boolean;
  /** An alternative resource is left to substitute; whether it is in the stated format. */
  altLeft: boolean;
  altPreferred: boolean;
  /**
   * What `substitute` would study: the alternative (one in the stated format,
   * else the shortest), or without one the first planned resource again (half
   * its minutes, half its effect): its minutes and its depth share for this
   * concept (halved for a second read), 0 when there is nothing to study.
   * Alternatives run from a 5-minute article to a 14-hour course, so what a
   * swap costs is not what the planned resource costs.
   */
  swapMinutes: number;
  swapShare: number;
  /** Resources studied for this concept so far (planned and substitutes). */
  studied: number;
  /** Hints, substitutions and remediations during this visit. */
  visitHints: number;
  visitSubstitutes: number;
  visitRemediations: number;
  /** 1 on the first pass; later passes revisit. */
  pass: number;
  /** Sessions since this concept was last asked about (0: this session or never). */
  sessionsSinceAsked: number;
  /**
   * How often this learner answered a concept right on first sight, before
   * studying anything for it: (right + 1) / (asked + 4), 0.25 without
   * evidence. A learner-level sign of prior knowledge.
   */
  pretestRight: number;
  /**
   * How often this learner answers right on concepts they have studied:
   * (right + 1) / (asked + 2), ½ without evidence. A learner-level sign of
   * how fast they learn: slower learners miss more after the reading.
   */
  studiedRight: number;
  /** Share of the course the coach judges mastered. */
  courseMastered: number;
  /** Share of today's session still left. */
  sessionLeft: number;
  /** Share of the budget spent. */
  budgetUsed: number;
  /**
   * The latent truth, for the oracle baseline only (the coach never has it,
   * and the learned policy's features do not read it): whether the learner
   * knows this concept, and whether every prerequisite is known.
   */
  oracle: { known: boolean; prereqsKnown: boolean };
}
