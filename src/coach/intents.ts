/**
 * Free text, understood where possible: a command typed with or without the
 * slash ("plan", "/quiz python"), a command's phrases ("quiz me", "next"),
 * "done", greetings, yes/no, pause/resume, and goal statements ("I want to
 * learn docker"). Pure: the coach decides what each intent does in context.
 */
import type { CommandDefinition } from './command.ts';

export type Intent =
  | { kind: 'command'; name: string; text: string }
  | { kind: 'unknown-command'; name: string }
  | { kind: 'done' }
  | { kind: 'greet' }
  | { kind: 'yes' }
  | { kind: 'no' }
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'goal'; text: string }
  | { kind: 'text'; text: string };

const DONE = /^(done|i'?m done|finished|i'?ve finished|i finished( it)?|completed|complete|did it|i did it|read it|watched it)$/;
const GREET = /^(hi|hello|hey|hallo|hiya|yo|howdy|good (morning|afternoon|evening)|start|begin)( there| pathwise)?$/;
const YES = /^(y|yes|yeah|yep|yup|sure|ok|okay|confirm)$/;
const NO = /^(n|no|nope|nah|cancel)$/;
const GOAL = /\b(learn|learning|become|becoming|get into|study|teach me|my goal|goal is|master|career in|switch to|want to be|i'?d like to be|get better at|improve my)\b/;
const QUIZ_ON = /^(?:quiz|test) me (?:on|about|in) (.+)$/;
/** "what should I learn next?", "what do I do now": a question about the next step, not a goal (it once set Next.js). */
const WHAT_NEXT = /^(?:so |and |ok |okay )?(?:what|which|where)\b.{0,40}\b(?:next|now|today|first)$/;

export function understand(raw: string, commands: readonly CommandDefinition[]): Intent {
  const text = raw.trim();
  const lower = text.toLowerCase().replace(/[.!?]+$/, '').trim();
  const byName = new Map(commands.map((c) => [c.name, c]));

  const slash = /^\/([^\s]*)\s*(.*)$/s.exec(text);
  if (slash) {
    const name = slash[1]!.toLowerCase();
    if (name === 'done') return { kind: 'done' };
    if (byName.has(name)) return { kind: 'command', name, text: slash[2] ?? '' };
    return { kind: 'unknown-command', name: slash[1]!.slice(0, 32) };
  }
  if (DONE.test(lower)) return { kind: 'done' };
  for (const c of commands) {
    if (c.name === lower || c.name.replace(/-/g, ' ') === lower || c.phrases?.includes(lower)) return { kind: 'command', name: c.name, text: '' };
  }
  const quizOn = QUIZ_ON.exec(lower);
  if (quizOn) return { kind: 'command', name: 'quiz', text: quizOn[1]! };
  const [first, ...rest] = text.split(/\s+/);
  const def = byName.get((first ?? '').toLowerCase());
  if (def && def.options.length > 0 && rest.length > 0 && def.name !== 'goal') return { kind: 'command', name: def.name, text: rest.join(' ') };
  if (def?.name === 'goal' && rest.length > 0) return { kind: 'goal', text: rest.join(' ') };
  if (GREET.test(lower)) return { kind: 'greet' };
  if (YES.test(lower)) return { kind: 'yes' };
  if (NO.test(lower)) return { kind: 'no' };
  if (lower === 'pause') return { kind: 'pause' };
  if (lower === 'resume' || lower === 'unpause') return { kind: 'resume' };
  if (WHAT_NEXT.test(lower) && byName.has('today')) return { kind: 'command', name: 'today', text: '' };
  if (GOAL.test(lower)) return { kind: 'goal', text };
  return { kind: 'text', text };
}
