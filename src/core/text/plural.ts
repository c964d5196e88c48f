/**
 * Counts in words through Intl.PluralRules: "1 question", "3 questions".
 * English only for now; the rules object is built once.
 */
const rules = new Intl.PluralRules('en');

/** `n` and the noun in the right form; `many` defaults to `one` + "s". */
export function plural(n: number, one: string, many: string = `${one}s`): string {
  return `${n.toLocaleString('en')} ${rules.select(n) === 'one' ? one : many}`;
}

/** Minutes as a person would say them: "45 min", "2 h", "2 h 30 min", "about 288 h" past two days. */
export function formatMinutes(total: number): string {
  const m = Math.max(0, Math.round(total));
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (h >= 48) return `about ${Math.round(m / 60).toLocaleString('en')} h`;
  return rest === 0 ? `${h} h` : `${h} h ${rest} min`;
}
