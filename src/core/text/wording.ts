/**
 * Counts, durations, articles and weekday names in the messages people read,
 * through Intl (English, the language of every message today): "3
 * questions", "1 question", "2 h 30 min", "about 288 hours", "an article",
 * "Monday". Pure: no clock, no environment.
 */

const LOCALE = 'en-US';
const plurals = new Intl.PluralRules(LOCALE);
const integers = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const hoursLong = new Intl.NumberFormat(LOCALE, { style: 'unit', unit: 'hour', unitDisplay: 'long', maximumFractionDigits: 1 });
const minutesLong = new Intl.NumberFormat(LOCALE, { style: 'unit', unit: 'minute', unitDisplay: 'long', maximumFractionDigits: 0 });
const weekdays = new Intl.DateTimeFormat(LOCALE, { weekday: 'long', timeZone: 'UTC' });
const weekdaysShort = new Intl.DateTimeFormat(LOCALE, { weekday: 'short', timeZone: 'UTC' });

/** Irregular plurals of the nouns messages count; the rest add "s". */
const IRREGULAR: Record<string, string> = { 'cohort membership': 'cohort memberships', quiz: 'quizzes', entry: 'entries', library: 'libraries' };

/** The noun for `n` of it, by Intl.PluralRules: `noun(1, 'step')` → "step", `noun(3, 'step')` → "steps". */
export function noun(n: number, one: string, other: string = IRREGULAR[one] ?? `${one}s`): string {
  return plurals.select(n) === 'one' ? one : other;
}

/** `n` and its noun: `plural(3, 'question')` → "3 questions", `plural(1, 'day')` → "1 day", 1200 → "1,200 …". */
export function plural(n: number, one: string, other?: string): string {
  return `${integers.format(n)} ${noun(n, one, other)}`;
}

/**
 * "a" or "an" before `word`, by its sound: an article, an exercise, an hour,
 * a video, a university, a one-off. Letters only approximate sound, so the
 * exceptions English needs for our words are listed.
 */
export function article(word: string): 'a' | 'an' {
  const w = word.trim().toLowerCase();
  if (/^(one|once|uni|use|usu|uti|eu|ewe)/.test(w)) return 'a';
  if (/^(hour|honest|honou?r|heir)/.test(w)) return 'an';
  return /^[aeiou]/.test(w) ? 'an' : 'a';
}

/** `word` with its article: `withArticle('article')` → "an article". */
export function withArticle(word: string): string {
  return `${article(word)} ${word}`;
}

/** A length of time, compact and exact: 45 → "45 min", 60 → "1 h", 150 → "2 h 30 min". */
export function minutesText(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return rest === 0 ? `${integers.format(h)} h` : `${integers.format(h)} h ${rest} min`;
}

/**
 * A total a person reads at a glance, rounded: 45 → "45 minutes", 150 →
 * "about 2.5 hours", 17300 → "about 288 hours". Whole hours from 10 hours
 * up, half hours below.
 */
export function aboutDuration(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return minutesLong.format(m);
  const hours = m / 60;
  const rounded = hours >= 10 ? Math.round(hours) : Math.round(hours * 2) / 2;
  return `${rounded === hours ? '' : 'about '}${hoursLong.format(rounded)}`;
}

/** The weekday's name, 0 = Sunday … 6 = Saturday (JavaScript's getUTCDay numbering): 1 → "Monday". */
export function weekdayName(weekday: number): string {
  // 2023-01-01 was a Sunday.
  return weekdays.format(new Date(Date.UTC(2023, 0, 1 + (((weekday % 7) + 7) % 7))));
}

/** A calendar date (YYYY-MM-DD) with its weekday, as dates are written in messages: "2026-03-03" → "Tue 2026-03-03". */
export function dateWithWeekday(date: string): string {
  return `${weekdaysShort.format(new Date(`${date}T00:00:00Z`))} ${date}`;
}

/** A local time of day as the coach writes it everywhere: 9 → "09:00". */
export function clockTime(hour: number, minute = 0): string {
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
