/**
 * Free text, understood where possible: a command typed with or without the
 * slash ("plan", "/quiz python"), a command's phrases ("quiz me", "next"),
 * "done", greetings, yes/no, pause/resume, career questions ("what jobs can
 * I get with Excel and SQL?", "I'm a teacher, how do I move into tech?", "I
 * want a better job"), what a learner says about how it is going ("I'm
 * stuck", "I need help", "I don't know", "this is too easy", "skip this
 * one", "the link is broken", "thanks", "I'm busy") and goal statements ("I
 * want to learn docker"). Pure:
 * the coach decides what each intent does in context.
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
  /**
   * `ask`: said as a request for help ("I need help", "help me with joins")
   * or as not knowing ("I don't know", "no idea"); each gets its own first
   * line, and a career question takes "I don't know" as its answer.
   */
  | { kind: 'stuck'; on?: string; ask?: 'help' | 'unsure' }
  | { kind: 'too-easy'; on?: string }
  /** `another`: "another resource please" asks for a different resource, not to skip a question. */
  | { kind: 'skip'; another?: true }
  | { kind: 'broken-link' }
  | { kind: 'thanks' }
  | { kind: 'low-energy'; why: LowEnergy }
  | { kind: 'text'; text: string };

/** Why a learner has less to give: the first line of the answer differs, the offer (shorter days, a pause) does not. */
export type LowEnergy = 'bored' | 'tired' | 'busy' | 'away';

/** What a learner says about how it is going: these intents are answered by flows/situations.ts, never read as a goal. */
export type Situation = Extract<Intent, { kind: 'stuck' | 'too-easy' | 'skip' | 'broken-link' | 'thanks' | 'low-energy' }>;
export const SITUATIONS: ReadonlySet<Intent['kind']> = new Set(['stuck', 'too-easy', 'skip', 'broken-link', 'thanks', 'low-energy']);

const DONE = /^(done|i'?m done|finished|i'?ve finished|i finished( it)?|completed|complete|did it|i did it|read it|watched it)$/;
const GREET = /^(hi|hello|hey|hallo|hiya|yo|howdy|good (morning|afternoon|evening)|start|begin)( there| pathwise)?$/;
const YES = /^(y|yes|yeah|yep|yup|sure|ok|okay|confirm)$/;
const NO = /^(n|no|nope|nah|cancel)$/;
const GOAL = /\b(learn|learning|become|becoming|get into|study|teach me|my goal|goal is|master|career in|switch to|want to be|i'?d like to be|get better at|improve my)\b/;
const QUIZ_ON = /^(?:quiz|test) me (?:on|about|in) (.+)$/;
/**
 * "what should I learn next?", "what do I do now", "where do I start?": a
 * question about the next step, not a goal (it once set Next.js). Only when
 * the words between are about the step itself ({@link STEP_WORDS}): "where do
 * I start with python first" names a topic, and was read as today's task
 * with "python" lost.
 */
const WHAT_NEXT = /^(?:so |and |ok |okay |well )?(?:what|which|where)((?:'s|'re)?(?: [a-z']+){0,8}) (?:next|now|today|first)$/;
const START_WHERE = /^(?:so |and |ok |okay |well )?(?:where|how) (?:do|should|can|shall|would|will) (?:i|we)((?: [a-z']+){0,4}) (?:start|begin|get started)(?: (?:then|now|first|today|from here|with this|with it))?$/;
/** Words a question about the next step is made of; any other word (a topic) makes it something to read by name. */
const STEP_WORDS = new Set(
  ('should shall do does did can could would will must might i we me you my it is are was be being doing have has need gonna going ' +
    "'s 're to the a an one ones thing things step steps task lesson learn learning study studying read watch practise practice start begin get started " +
    'go work working on at from here there this that then after up with really actually exactly even please so supposed meant try look ' +
    // The step's own nouns and verbs ("what topic should I learn next", "what do you suggest now"): once read as a goal by meaning.
    "am i'm else for come comes coming topic topics skill skills course courses resource resources video videos chapter chapters " +
    'module modules part section exercise exercises suggest recommend want wanna focus').split(' '),
);
function aboutTheStep(re: RegExp, lower: string): boolean {
  const m = re.exec(lower);
  return m !== null && (m[1] ?? '').split(/\s+/).every((w) => w === '' || STEP_WORDS.has(w));
}
/** "what's the next step", "what is my next task", "what's today's task": the same question, said with the step as its last word. */
const NEXT_STEP = /^(?:so |and |ok |okay |well )?(?:what|which)(?:'s| is| are|s)? (?:the |my )?(?:next|first|today'?s) (?:step|task|thing|lesson|one|bit)(?: (?:then|now|for me|today))?$/;
/** "I don't know what to do (now)": the same question, said as not knowing. */
const WHAT_TO_DO = /^(?:(?:so|well|hmm+|ok|okay|sorry)[,!]* )?(?:i (?:don'?t|do not|dont) know|idk|i'?m not sure|not sure) what (?:to do|i should do|do i do)(?: now| next| today)?$/;

/**
 * "where do I start with go (first)", "what should I learn first for docker",
 * "how do I get started with SQL": where to start on a topic, said in the
 * place a name goes. The coach reads the topic by name (flows/names-said.ts
 * `topicNamed`): "go" there is Go when the roadmaps have it (a step word
 * elsewhere), and a topic that names nothing leaves the message as it was
 * read before (today's task, or text for the goal parser).
 */
const START_ON = [
  /^(?:so |and |ok |okay |well )?(?:(?:where|how) (?:do|should|can|shall|would|will) (?:i|we)|(?:where|how) to) (?:start|begin|get started)(?: learning| studying| out)? (?:with|on|in|learning|studying) (.+?)(?: (?:then|now|first|today))?$/,
  /^(?:so |and |ok |okay |well )?(?:what|which)(?: (?:should|do|shall|would|could|must|can) (?:i|we))? (?:learn|study|do|read|take|start with|begin with) first (?:for|in|on|with|about|to (?:learn|get into)) (.+)$/,
  /^(?:so |and |ok |okay |well )?(?:what|which)(?:'s| is) the first (?:step|thing)(?: to (?:learn|do|study))? (?:for|in|on|with) (.+)$/,
];
/** The topic of a "where do I start with …" question, as written; null when there is none or it is "this", "it". */
export function startTopic(raw: string): string | null {
  const kept = normalised(raw);
  const lower = kept.toLowerCase();
  for (const re of START_ON) {
    const m = new RegExp(re.source, 'd').exec(lower);
    const at = m?.indices?.[1];
    if (!m || !at) continue;
    const topic = kept.length === lower.length ? kept.slice(at[0], at[1]) : m[1]!;
    return VAGUE.test(topic.toLowerCase()) ? null : topic;
  }
  return null;
}

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

/*
 * What a learner says about how it is going. Each once fell through to the
 * goal parser, which matches by meaning: "I'm stuck" offered Amazon
 * CloudWatch monitoring as a goal, "can you explain that again" Advanced SQL
 * (EXPLAIN), "I'm bored" Bash scripting, "skip this one" columnar file
 * formats. Whole messages only, with a small opening ("ugh", "sorry") allowed.
 */
const OPENING = String.raw`^(?:(?:ugh|hmm+|sorry|honestly|help|ok|okay|so|well|oh|argh|man)[,!]* )?`;
/** "I'm stuck (on joins)", "I don't understand (window functions)", "this is too hard", "explain that again", "I give up". */
const STUCK: RegExp[] = [
  new RegExp(`${OPENING}(?:i'?m|i am|im|i feel|feeling|i got|i'?ve got|getting) (?:really |so |a bit |a little |kind of |kinda |totally |completely |very |pretty )?(?:stuck|lost|confused|struggling)(?: (?:on|with|at|by|in|about) (.+))?$`, 'd'),
  new RegExp(`${OPENING}i (?:don'?t|do not|dont|can'?t|cannot) (?:understand|get|follow|figure out|work out)(?: (?:it|this|that|this one|any of (?:it|this)|what (?:it|this|that) (?:means|says)|(?:it|this) at all|the (?:task|resource|article|video|exercise|quiz|question)))?$`),
  new RegExp(`${OPENING}i (?:don'?t|do not|dont) (?:understand|get) (.+)$`, 'd'),
  new RegExp(`${OPENING}(?:this|it|that|this one|this stuff|this task|the task|this topic)(?: is|'s| was| seems| feels)? (?:way |much |far )?(?:too |really |so |very |quite |pretty )?(?:hard|difficult|confusing|complicated|tough)(?: for me)?$`),
  new RegExp(`${OPENING}(?:too (?:hard|difficult)|(?:it|this|that) makes no sense|makes no sense|no idea what'?s going on|i'?m not getting (?:it|this)|i can'?t do (?:this|it))$`),
  new RegExp(`${OPENING}(?:can you |could you |please |pls )?(?:explain|go (?:over|through)|run through) (?:that|this|it|that bit|this part)(?: (?:again|one more time|more simply|differently|another way))(?: please| pls)?$`),
  new RegExp(`${OPENING}(?:can you |could you |please |pls )?(?:explain|go (?:over|through)) (.+?) again(?: please| pls)?$`, 'd'),
  new RegExp(`${OPENING}(?:i (?:give up|quit)|i'?m giving up|i want to give up)$`),
];
/**
 * "I need help", "help me", "can you help me with joins": a request for help
 * ("help" alone lists the commands); it used to get the general fallback
 * ("I didn't catch that"). A topic after "with" or "on" is what they are stuck on; "help
 * me write SQL queries" says what to learn and stays text.
 */
const HELP_ME = new RegExp(
  `${OPENING}(?:(?:can|could|will|would) you |please |pls )?(?:i (?:really |just )?(?:need|want|could use|would like|'d like) (?:some |a little |a bit of |your |more )?help|need (?:some |a little )?help|help me(?: out)?|help)(?: please| pls)?(?: (?:with|on) (.+?))?(?: please| pls)?$`,
  'd',
);
/** "I don't know", "idk", "not sure", "no idea": not knowing, with nothing named ("I don't know SQL" stays text). A quiz reads it as its answer first. */
const UNSURE = new RegExp(
  `${OPENING}(?:i (?:really |honestly |just )?(?:don'?t|do not|dont) know|idk|i dunno|dunno|no idea|i have no idea|no clue|i have no clue|i'?ve no idea|not sure|i'?m not sure|i am not sure|(?:i'?m |i am )?unsure)$`,
);
/** Whether a whole message says only "I don't know" ("idk", "dunno", "no idea", "not sure"): an answer that counts as not sure, never as a name. */
export function saysUnsure(raw: string): boolean {
  return UNSURE.test(normalised(raw).toLowerCase());
}

/** A message as the patterns read it: curly apostrophes (phones, Slack) straight ("I’m stuck" is "I'm stuck"), closing punctuation gone. */
function normalised(raw: string): string {
  return raw.trim().replace(/[’‘]/g, "'").replace(/[.!?]+$/, '').trim();
}

/** "this is too easy", "I already know this (SQL)", "I've done this before". */
const TOO_EASY: RegExp[] = [
  new RegExp(`${OPENING}(?:this|it|that|this one|this stuff|this task|the task)(?: is|'s| was| seems| feels)? (?:way |much |far )?(?:too |really |so |very )(?:easy|basic|simple)(?: for me)?$`),
  new RegExp(`${OPENING}too (?:easy|basic|simple)$`),
  new RegExp(`${OPENING}i (?:already )?know (?:this|that|it|all (?:of )?(?:this|that)|this stuff|this one)(?: already)?$`),
  new RegExp(`${OPENING}i'?ve (?:already )?(?:done|learned|learnt|seen|covered) (?:this|that|it|all (?:of )?this)(?: before| already)?$`),
  new RegExp(`${OPENING}(?:i )?already know (?:it|this|that)$`),
  new RegExp(`${OPENING}i already know ([^,;]{1,40})$`, 'd'),
  new RegExp(`${OPENING}i know ([^,;]{1,40}?) (?:already|well|very well|inside out)$`, 'd'),
];
/** "skip this one", "can I skip it", "another resource". */
const SKIP = new RegExp(
  `${OPENING}(?:(?:can i |can we |could i |let'?s |let me |i want to |i'?d like to |i wanna |please )?skip(?: (?:this|it|that|this one|that one|ahead|(?:this|that|the|today'?s) (?:step|resource|video|article|task|course|exercise|reading|one)|to the next (?:one|step|resource|task)))?(?: please)?` +
    `|(?:give me |show me |i want |can i have |can i get |i'?d like )?(?:an?other|a different) (?:resource|video|article|link|course|source)(?: please)?)$`,
);
/**
 * "this resource is bad", "the video is boring", "this course isn't helping": the resource does not suit them,
 * which asks for another one (it got "I didn't catch that").
 */
const DISLIKE = new RegExp(
  `${OPENING}(?:the |this |that |today'?s )?(?:resource|video|article|course|tutorial|book|reading|material|link|page|exercise)(?: (?:you sent|you gave me|for today))?` +
    `(?: is|'s| was| seems| feels)? (?:really |so |very |pretty |quite |just |kind of |kinda )?` +
    `(?:bad|boring|useless|rubbish|terrible|awful|crap|dull|unhelpful|not (?:good|helpful|useful|great|for me|working for me|very good)|no good|(?:isn'?t|is not|not) helping|(?:doesn'?t|does not) help)$`,
);
/** "the link is broken", "the video won't load", "page not found". */
const BROKEN_LINK = [
  /^(?:the |this |that |your |my |today'?s )?(?:link|url|page|video|site|website|resource|article|course|exercise)s?(?: (?:you sent|you gave me|for today))? (?:is |are |seems |looks )?(?:broken|dead|down|gone|missing|not working|not loading|doesn'?t (?:work|load|open|play|exist)|does not (?:work|load|open|play|exist)|isn'?t (?:working|loading)|won'?t (?:load|open|play|work)|can'?t be (?:found|opened|loaded)|gives (?:me )?(?:a |an )?(?:404|error)|(?:returns|shows) (?:a |an )?(?:404|error))$/,
  /^(?:(?:a |the )?(?:page|video|site) not found|404(?: error)?|(?:a |the )?(?:broken|dead) link|link (?:is )?broken|i (?:can'?t|cannot) (?:open|load|play|access) (?:the |this |that )?(?:link|page|video|site|resource|article))$/,
];
/** "thanks", "great", "cool", "ok thanks". */
const THANKS =
  /^(?:(?:ok|okay|great|cool|nice|perfect|awesome|brilliant|lovely|super|wow)[,!]* )?(?:thanks?|thank (?:you|u)|thankyou|thanks u|thx|ty|cheers|nice one|good one|many thanks|ta|much appreciated|appreciate it|great|cool|nice|awesome|perfect|brilliant|lovely|amazing|excellent|wonderful|got it|sounds good|will do|love it|neat|sweet)(?: (?:a lot|so much|very much|again|for (?:the|your|all the) help|mate|pathwise|coach))*$/;
/** "I'm bored", "I'm tired", "no time this week", "I'm busy". */
const LOW_ENERGY: [RegExp, LowEnergy][] = [
  [new RegExp(`${OPENING}(?:i'?m|i am|im|i feel|feeling|i'?m getting|getting) (?:so |really |a bit |a little |kind of |kinda |very |pretty |super )?(?:bored|boring)(?: .{0,30})?$`), 'bored'],
  [new RegExp(`${OPENING}(?:(?:this|it|that|this one|this stuff|this task)(?: is|'s| was| gets| feels)? )?(?:so |really |a bit |kind of |kinda |very |pretty |super )?(?:boring|bored)$`), 'bored'],
  [new RegExp(`${OPENING}(?:i'?m|i am|im|i feel|feeling) (?:so |really |a bit |a little |kind of |kinda |very |pretty |super |too )?(?:tired|exhausted|worn out|burnt out|burned out|drained|sleepy|unmotivated|not motivated|overwhelmed)(?: .{0,30})?$`), 'tired'],
  [new RegExp(`${OPENING}(?:not (?:in the mood|feeling it)(?: today)?|(?:i have |i'?ve got |i got )?no (?:energy|motivation)(?: .{0,20})?|i need a break|(?:this is |it'?s )?too much(?: for me)?)$`), 'tired'],
  [new RegExp(`${OPENING}(?:i'?m|i am|im) (?:so |really |very |pretty |super |too )?(?:busy|swamped|slammed|snowed under)(?: .{0,30})?$`), 'busy'],
  [new RegExp(`${OPENING}(?:i have |i'?ve got |i got |there'?s |have )?(?:no|little|not much|not enough|hardly any|zero) time(?: .{0,30})?$`), 'busy'],
  [new RegExp(`${OPENING}i (?:don'?t|do not|dont) have (?:much |enough |any )?time(?: .{0,30})?$`), 'busy'],
  [new RegExp(`${OPENING}(?:busy|crazy|hectic|a busy|a crazy|a hectic) (?:week|day|month)(?: .{0,20})?$`), 'busy'],
  [new RegExp(`${OPENING}(?:i )?(?:only|just) (?:have|got) (?:\\d{1,3}|a few|five|ten|fifteen|twenty) min(?:ute)?s?(?: .{0,20})?$`), 'busy'],
  [new RegExp(`${OPENING}(?:(?:can|could) we |let'?s |i want to |i'?d like to )?do less(?: .{0,20})?$|^(?:shorter|smaller|less|fewer) (?:daily )?(?:tasks?|lessons?|sessions?)(?: please)?$`), 'busy'],
  [new RegExp(`${OPENING}(?:i'?m|i am|im|i'?ll be|i will be) (?:going )?(?:on holiday|on vacation|on leave|away|travell?ing)(?: .{0,30})?$`), 'away'],
  [new RegExp(`${OPENING}(?:i'?m|i am|im|i feel|feeling) (?:a bit |really |very |quite )?(?:sick|ill|unwell|not well)(?: .{0,30})?$`), 'tired'],
];

/** What names no topic: "stuck on it", "help with this". */
const VAGUE = /^(?:it|this|that|this one|anything|any of (?:it|this)|something|everything|stuff|things)$/;

/**
 * The topic a pattern caught (group 1), as the learner wrote it: "REST" said
 * in capitals is a name, "rest" may be the everyday word
 * (flows/situations.ts). `kept` is `lower` before lower-casing.
 */
function topicOf(m: RegExpExecArray, kept: string, lower: string): string | null {
  const said = m[1];
  if (!said || VAGUE.test(said)) return null;
  // The patterns that catch a topic carry the `d` flag (the group's span); lower-casing keeps lengths but for a few letters ("İ").
  const at = m.indices?.[1];
  return at && kept.length === lower.length ? kept.slice(at[0], at[1]) : said;
}

/** A situation from the text, or null. A goal statement inside ("I'm bored of my job, I want to learn docker") stays a goal. */
function situation(lower: string, kept: string): Situation | null {
  if (GOAL.test(lower)) return null;
  if (THANKS.test(lower)) return { kind: 'thanks' };
  for (const re of BROKEN_LINK) if (re.test(lower)) return { kind: 'broken-link' };
  if (SKIP.test(lower)) return /\b(?:an?other|a different)\b/.test(lower) ? { kind: 'skip', another: true } : { kind: 'skip' };
  if (DISLIKE.test(lower)) return { kind: 'skip', another: true };
  for (const re of TOO_EASY) {
    const m = re.exec(lower);
    if (!m) continue;
    const on = topicOf(m, kept, lower);
    return on ? { kind: 'too-easy', on } : { kind: 'too-easy' };
  }
  for (const [re, why] of LOW_ENERGY) if (re.test(lower)) return { kind: 'low-energy', why };
  if (UNSURE.test(lower)) return { kind: 'stuck', ask: 'unsure' };
  const help = HELP_ME.exec(lower);
  if (help) {
    const on = topicOf(help, kept, lower);
    return on ? { kind: 'stuck', on, ask: 'help' } : { kind: 'stuck', ask: 'help' };
  }
  for (const re of STUCK) {
    const m = re.exec(lower);
    if (!m) continue;
    const on = topicOf(m, kept, lower);
    return on ? { kind: 'stuck', on } : { kind: 'stuck' };
  }
  return null;
}

/** "I'm tired of my job", "stuck in my career": a career question, not low energy or a stuck concept (a goal said with it wins). */
const CAREER_UNHAPPY = /\b(?:(?:tired|bored|sick) of my (?:job|work|career)|hate my (?:job|work)|stuck in (?:my|a) (?:job|career|role))\b/;

/** A message that starts with yes or no ("yes please", "ok thanks", "no thanks"): enough to ask again, never to act on. */
export const LEADING_YES = /^(?:yes|yep|yeah|yup|sure|ok|okay|correct|right|exactly)\b/i;
export const LEADING_NO = /^(?:no|nope|nah|not (?:that|really|quite))\b/i;
/** A yes or no with only a few polite words after it: "yes please", "yep, that's it", "no thanks". */
export const SHORT_YES = /^(?:yes|yep|yeah|yup|sure|ok|okay|correct|exactly)[,.!]*(?: (?:please|thanks|thank you|that(?:'?s| is) (?:it|right|the one)|it is|exactly|correct|right))*[.!]*$/i;
export const SHORT_NO = /^(?:no|nope|nah|not (?:that|really|quite))[,.!]*(?: (?:thanks|thank you|that'?s not it|not that|something else))*[.!]*$/i;
/** "I want to …", "I'd like to …", "how do I …": a wish, which the goal parser may read by meaning (a topic said without its name). */
export const WISH = /\b(?:i (?:want|need|wish) to|i(?:'d| would) like to|how (?:do|can|could|should) i|how to|teach me (?:how )?to|show me how to)\b/;

export function understand(raw: string, commands: readonly CommandDefinition[]): Intent {
  const text = raw.trim();
  const kept = normalised(text);
  const lower = kept.toLowerCase();
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
  if ((aboutTheStep(WHAT_NEXT, lower) || aboutTheStep(START_WHERE, lower) || NEXT_STEP.test(lower) || WHAT_TO_DO.test(lower)) && byName.has('today')) return { kind: 'command', name: 'today', text: '' };
  for (const re of CAREER_JOBS) {
    const m = re.exec(lower);
    if (m) return { kind: 'career-jobs', skills: m[1]! };
  }
  for (const re of CAREER_MOVE) {
    const m = re.exec(lower);
    if (m) return { kind: 'career-move', from: m[1]! };
  }
  if (CAREER_OPEN.test(lower) || (CAREER_UNHAPPY.test(lower) && !GOAL.test(lower))) return { kind: 'career-open' };
  const said = situation(lower, kept);
  if (said) return said;
  if (GOAL.test(lower)) return { kind: 'goal', text };
  return { kind: 'text', text };
}
