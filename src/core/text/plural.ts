/**
 * Counts in words through Intl.PluralRules: "1 question", "3 questions".
 * English only for now; the rules object is built once.
 */
const rules = new Intl.PluralRules('en');

/** `n` and the noun in the right form; `many` defaults to `one` + "s". */
export function plural(n: number, one: string, many: string = `${one}s`): string {
  return `${n.toLocaleString('en')} ${rules.select(n) === 'one' ? one : many}`;
}
