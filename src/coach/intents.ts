/**
 * Free text, understood where possible: a command typed with or without the
 * slash ("plan", "/quiz python"), a command's phrases ("quiz me", "next"),
 * "done", greetings, yes/no, pause/resume, career questions ("what jobs can
 * I get with Excel and SQL?", "I'm a teacher, how do I move into tech?", "I
 * want a better job") and goal statements ("I want to learn docker"). Pure: the coach decides what each intent does in context.
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
  | { kind: 'career-jobs'; skills: string }
  | { kind: 'career-move'; from: string }
  | { kind: 'career-open' }
  | { kind: 'text'; text: string };

const DONE = /^(done|i'?m done|finished|i'?ve finished|i finished( it)?|completed|complete|did it|i did it|read it|watched it)$/;
const GREET = /^(hi|hello|hey|hallo|hiya|yo|howdy|good (morning|afternoon|evening)|start|begin)( there| pathwise)?$/;
const YES = /^(y|yes|yeah|yep|yup|sure|ok|okay|confirm)$/;
const NO = /^(n|no|nope|nah|cancel)$/;
const GOAL = /\b(learn|learning|become|becoming|get into|study|teach me|my goal|goal is|master|career in|switch to|want to be|i'?d like to be|get better at|improve my)\b/;
const QUIZ_ON = /^(?:quiz|test) me (?:on|about|in) (.+)$/;
/** "what should I learn next?", "what do I do now": a question about the next step, not a goal (it once set Next.js). */
const WHAT_NEXT = /^(?:so |and |ok |okay )?(?:what|which|where)\b.{0,40}\b(?:next|now|today|first)$/;

/** "what jobs can I get with Excel and SQL?", "jobs for python and sql", "I know SQL, which jobs fit me?" */
const CAREER_JOBS = [
  /^(?:what|which) (?:kinds? of |sorts? of )?(?:jobs?|roles?|careers?|positions?|work) (?:can|could|might|would|will) (?:i|someone|one) (?:get|do|find|land|apply for|have|go for)(?: with| if i know| knowing| using| if i use)? (.+)$/,
  /^(?:jobs?|careers?|roles?) (?:with|for|using) (.+)$/,
  /^i (?:know|use|have|can use|am good at|'?m good at) (.+?)[,;.]? (?:what|which) (?:kinds? of )?(?:jobs?|roles?|careers?)\b.*$/,
];
/** "I'm a teacher, how do I move into tech?", "how can I switch from accounting to tech" */
const TECH = '(?:tech|it|software|data|technology|computing|programming|coding|a tech job|the tech industry)';
const CAREER_MOVE = [
  new RegExp(String.raw`^i(?:'?m| am) (?:an? )?(.+?)(?:[,.;:]| and| -|—)+ (?:how|what|can|where|i want)\b.*\b(?:move|switch|get|transition|change|go|break|pivot)\b.*\b(?:into|to|in) ${TECH}\b.*$`),
  new RegExp(String.raw`^(?:how (?:do|can|could|should) i )?(?:move|switch|transition|go|pivot|change careers?) from (?:being )?(?:an? )?(.+?) (?:into|to) ${TECH}\b.*$`),
];
/**
 * "I want a better job", "I'd like a career change", "help me get promoted",
 * "how do I get a raise": open career questions. A learning topic in them
 * once set the goal by meaning ("promoted" is how ML experiment tracking
 * says a model moves to production).
 */
const CAREER_OPEN =
  /\b(?:(?:better|new|different|higher paying|better paid|well paid) (?:job|career)|(?:change|switch) (?:my )?careers?|career change|(?:i|me|want to|need to|how to) (?:get|be) promoted|(?:a|my|the next) promotion|(?:a|pay) (?:raise|rise)|earn more|make more money)\b/;

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
  // "plan my path to become a data analyst" is a goal said with a command's word, not `/plan` with a view it does not have.
  const onlyChoices = def?.options.length === 1 && def.options[0]!.choices ? def.options[0]!.choices.map((c) => String(c.value).toLowerCase()) : null;
  const asGoal = onlyChoices !== null && !onlyChoices.includes((rest[0] ?? '').toLowerCase().replace(/^view=/, '')) && GOAL.test(lower);
  if (def && def.options.length > 0 && rest.length > 0 && def.name !== 'goal' && !asGoal) return { kind: 'command', name: def.name, text: rest.join(' ') };
  if (asGoal) return { kind: 'goal', text };
  if (def?.name === 'goal' && rest.length > 0) return { kind: 'goal', text: rest.join(' ') };
  if (GREET.test(lower)) return { kind: 'greet' };
  if (YES.test(lower)) return { kind: 'yes' };
  if (NO.test(lower)) return { kind: 'no' };
  if (lower === 'pause') return { kind: 'pause' };
  if (lower === 'resume' || lower === 'unpause') return { kind: 'resume' };
  if (WHAT_NEXT.test(lower) && byName.has('today')) return { kind: 'command', name: 'today', text: '' };
  for (const re of CAREER_JOBS) {
    const m = re.exec(lower);
    if (m) return { kind: 'career-jobs', skills: m[1]! };
  }
  for (const re of CAREER_MOVE) {
    const m = re.exec(lower);
    if (m) return { kind: 'career-move', from: m[1]! };
  }
  if (CAREER_OPEN.test(lower)) return { kind: 'career-open' };
  if (GOAL.test(lower)) return { kind: 'goal', text };
  return { kind: 'text', text };
}
