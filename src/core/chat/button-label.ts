/**
 * Button labels that fit every platform: Slack cuts a button's text at 75
 * characters and Discord at 80, each mid-word, so "Bring back Microsoft docs:
 * Types of table relationships (one-to-many, many-to-ma" reached learners.
 * Pure.
 */

/** The longest label every platform shows whole: Slack's 75 (Discord allows 80). */
export const MAX_BUTTON_LABEL = 75;

/**
 * `label` as it fits in `max` characters: whole when it fits, else cut at the
 * last word boundary with "…" (the total ≤ `max`). A parenthesis left open by
 * the cut is dropped with what it began ("Types of table relationships (one-
 * to-many, …" becomes "Types of table relationships…") when enough stays
 * before it; trailing punctuation and a trailing "with", "the", "of"… go. A single word longer than `max` is
 * cut inside it, as nothing else fits.
 */
export function buttonLabel(label: string, max: number = MAX_BUTTON_LABEL): string {
  const s = label.replace(/\s+/g, ' ').trim();
  if (s.length <= max) return s;
  const room = max - 1; // for "…"
  // The last space at or before `room` ends a whole word (the cut may fall right on a space).
  let cut = s.lastIndexOf(' ', room);
  if (cut < room / 2) cut = room;
  let kept = s.slice(0, cut);
  const open = kept.lastIndexOf('(');
  if (open >= MIN_BEFORE_PAREN && kept.indexOf(')', open) === -1) kept = kept.slice(0, open);
  // Words that lead into what was cut ("lessons with…") and punctuation at the cut go.
  for (let before = ''; before !== kept; ) {
    before = kept;
    kept = kept.replace(/[\s,;:.(\-–—/&+]+$/u, '').replace(/\s(?:a|an|the|and|or|of|to|for|in|on|with|via|its|their|from|by|at|as)$/iu, '');
  }
  return `${kept}…`;
}

/** An open parenthesis the cut leaves unclosed is dropped with its words when at least this much comes before it ("SQL (joins…" keeps it). */
const MIN_BEFORE_PAREN = 12;
