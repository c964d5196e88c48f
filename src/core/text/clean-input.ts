/**
 * What a person typed, made safe to reason about: control and format
 * characters removed (binary pastes, terminal escapes), whitespace collapsed,
 * and a verdict when nothing usable is left. Pure.
 */

/** Longer messages are refused with a hint rather than parsed. */
export const MAX_INPUT_CHARS = 2000;

export type CleanInput =
  | { ok: true; text: string }
  | { ok: false; reason: 'empty' | 'too-long' | 'no-words' };

export function cleanInput(raw: string): CleanInput {
  if (raw.length > MAX_INPUT_CHARS * 4) return { ok: false, reason: 'too-long' };
  // C0/C1 controls (keeping none: newlines become spaces), escape sequences, the replacement char, bidi/format marks.
  const text = raw
    // eslint-disable-next-line no-control-regex -- stripping control characters is the point
    .replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, ' ')
    // eslint-disable-next-line no-control-regex -- stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\ufffd\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length === 0) return { ok: false, reason: 'empty' };
  if (text.length > MAX_INPUT_CHARS) return { ok: false, reason: 'too-long' };
  if (!/[\p{L}\p{N}]/u.test(text)) return { ok: false, reason: 'no-words' };
  return { ok: true, text };
}
