/**
 * Reading a typed answer to a multiple-choice question: a letter ("b", "B)",
 * "(c)"), a number ("2", "2."), the option's own text, "idk"/"I don't know",
 * or "skip". Pure; the quiz flow decides what each does.
 */

export type ChoiceReply = { kind: 'choice'; position: number } | { kind: 'idk' } | { kind: 'skip' };

/** Letters shown before the options, in display order. */
export const CHOICE_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;

const IDK = /^(?:idk|i\s*don'?t\s*know|dunno|no\s*idea|not\s*sure|\?+)$/;
/** "next" while a question is open moves on to the next one, as "skip" does (outside a quiz it is today's task). */
const SKIP = /^(?:skip|pass|next(?:\s*(?:question|one|please))?)$/;

/**
 * `shown` is the options in the order the learner sees them; the result's
 * `position` indexes into it. Null when the text is not an answer.
 */
export function parseChoiceReply(raw: string, shown: readonly string[]): ChoiceReply | null {
  const text = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (IDK.test(text)) return { kind: 'idk' };
  if (SKIP.test(text)) return { kind: 'skip' };
  const letter = /^\(?([a-f])\s*[).:]?$/.exec(text) ?? /^(?:answer|option|choice)?\s*([a-f])$/.exec(text);
  if (letter) {
    const i = letter[1]!.charCodeAt(0) - 97;
    return i < shown.length ? { kind: 'choice', position: i } : null;
  }
  const number = /^\(?([1-6])\s*[).:]?$/.exec(text);
  if (number) {
    const i = Number(number[1]) - 1;
    return i < shown.length ? { kind: 'choice', position: i } : null;
  }
  const exact = shown.findIndex((o) => o.trim().toLowerCase().replace(/\s+/g, ' ') === text);
  return exact >= 0 ? { kind: 'choice', position: exact } : null;
}
