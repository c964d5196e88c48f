/**
 * Cues that give a quiz answer away without knowing the topic: the answer is
 * the one long, careful option among short ones, or the only line of code
 * among prose. Pure; the roadmap check reports them, the coach prices guessing
 * higher on cued items, and benches measure the test-wise learner with them.
 */
import type { QuizItem } from './types.ts';

/** An answer longer than this many times the longest distractor stands out. */
export const LONGEST_RATIO = 1.3;
/** Over the whole bank, "always pick the longest" must score at most this. */
export const BANK_LONGEST_LIMIT = 0.35;

export type Cue = { kind: 'longest'; ratio: number } | { kind: 'odd-form'; form: 'code' | 'prose' };

const CODE = /[`{}()[\];=<>|$]|\w\.\w+|^\s*--?\w|\/\/|\*\*|^\s*(?:git|npm|docker|kubectl|pip|SELECT|CREATE|INSERT|UPDATE|DELETE)\b/;

/** `code` when an option reads as code (brackets, operators, a command), else `prose`. */
export function optionForm(option: string): 'code' | 'prose' {
  return CODE.test(option) ? 'code' : 'prose';
}

/** The cues of one item, empty when it has none. */
export function itemCues(item: Pick<QuizItem, 'choices' | 'answer'>): Cue[] {
  const cues: Cue[] = [];
  const answer = item.choices[item.answer] ?? '';
  const distractors = item.choices.filter((_, i) => i !== item.answer);
  const longestDistractor = Math.max(1, ...distractors.map((d) => d.length));
  if (answer.length > longestDistractor * LONGEST_RATIO) cues.push({ kind: 'longest', ratio: answer.length / longestDistractor });
  const form = optionForm(answer);
  if (distractors.length >= 2 && distractors.every((d) => optionForm(d) !== form)) cues.push({ kind: 'odd-form', form });
  return cues;
}

/**
 * Chance that "always pick the longest option" answers this item right: 1/k
 * when the answer ties with k − 1 others for longest, 0 when it is not longest.
 */
export function longestPickScore(item: Pick<QuizItem, 'choices' | 'answer'>): number {
  const max = Math.max(...item.choices.map((c) => c.length));
  const longest = item.choices.filter((c) => c.length === max).length;
  return (item.choices[item.answer]?.length ?? -1) === max ? 1 / longest : 0;
}

/** Mean {@link longestPickScore} over a bank: the expected share a longest-picker gets right. */
export function bankLongestScore(items: Iterable<Pick<QuizItem, 'choices' | 'answer'>>): number {
  let n = 0;
  let sum = 0;
  for (const it of items) {
    n++;
    sum += longestPickScore(it);
  }
  return n === 0 ? 0 : sum / n;
}
