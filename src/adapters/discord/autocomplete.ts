/**
 * Autocomplete for goal and concept names while someone types a slash
 * command option: the knowledge graph's goals and concepts, best matches
 * first. Pure; Discord takes at most 25 choices of ≤ 100 characters.
 */
import type { KnowledgeGraph } from '../../core/graph/types.ts';
import type { AutocompleteOptions } from './commands.ts';

export interface Suggestion {
  /** Shown in Discord's list. */
  name: string;
  /** What the option is filled with (the title: the goal parser reads it like typed text). */
  value: string;
  /** Other names it is found by (aliases, the id). */
  also: readonly string[];
}

export interface Choice {
  name: string;
  value: string;
}

/** What the adapter asks while someone types: the choices for one option of one command. */
export interface AutocompleteSource {
  /** Which options of which commands Discord should autocomplete (used when registering). */
  readonly options: AutocompleteOptions;
  suggest(command: string, option: string, typed: string): Choice[];
}

export const MAX_CHOICES = 25;
const MAX_NAME = 100;

const norm = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Ranks suggestions against what was typed: the title starting with it (0),
 * a word of the title or an alias starting with it (1), the title or an alias
 * containing it (2); ties in the given order. Nothing typed: the first ones.
 */
export function suggest(list: readonly Suggestion[], typed: string, limit = MAX_CHOICES): Choice[] {
  const q = norm(typed).slice(0, 100);
  const ranked: { s: Suggestion; rank: number; i: number }[] = [];
  list.forEach((s, i) => {
    if (!q) return void ranked.push({ s, rank: 0, i });
    const title = norm(s.name);
    const others = s.also.map(norm);
    let rank = -1;
    if (title.startsWith(q)) rank = 0;
    else if (title.split(' ').some((w) => w.startsWith(q)) || others.some((a) => a.startsWith(q))) rank = 1;
    else if (title.includes(q) || others.some((a) => a.includes(q))) rank = 2;
    if (rank >= 0) ranked.push({ s, rank, i });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.i - b.i);
  const seen = new Set<string>();
  const out: Choice[] = [];
  for (const { s } of ranked) {
    const value = s.value.slice(0, MAX_NAME);
    if (seen.has(value)) continue;
    seen.add(value);
    out.push({ name: s.name.slice(0, MAX_NAME), value });
    if (out.length >= limit) break;
  }
  return out;
}

/** The options Discord autocompletes: `/goal text` and `/quiz concept` (names as in `commands/`). */
export const AUTOCOMPLETED: AutocompleteOptions = { goal: ['text'], quiz: ['concept'] };

/**
 * Suggestions from the knowledge graph: `/goal text` offers goals, then
 * concepts (either can be a goal); `/quiz concept` offers concepts.
 */
export function graphAutocomplete(graph: KnowledgeGraph): AutocompleteSource {
  const goals: Suggestion[] = [...graph.goals.values()].map((g) => ({ name: g.title, value: g.title, also: [g.id, ...g.aliases] }));
  const concepts: Suggestion[] = [...graph.concepts.values()].map((c) => ({ name: c.title, value: c.title, also: [c.id, ...c.aliases] }));
  const goalOrConcept = [...goals, ...concepts];
  return {
    options: AUTOCOMPLETED,
    suggest(command, option, typed) {
      if (command === 'goal' && option === 'text') return suggest(goalOrConcept, typed);
      if (command === 'quiz' && option === 'concept') return suggest(concepts, typed);
      return [];
    },
  };
}
