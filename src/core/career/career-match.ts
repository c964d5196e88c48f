/**
 * Career questions answered from O*NET: which occupations fit what a learner
 * knows ("what jobs can I get with Excel and SQL?"), and where someone in
 * another occupation can go ("I'm a teacher, how do I move into tech?").
 * Pure: the catalogue, the graph and what the learner knows come in; ranked
 * plain data goes out. Hours of the gap come from a function the caller
 * passes (the coach plans with the real planner).
 */
import type { KnowledgeGraph } from '../graph/types.ts';
import { isFiller, words } from '../goal/goal-text.ts';
import type { CareerCatalogue, Occupation, OtherOccupation } from './occupation.ts';
import { goalOccupations } from './onet-coverage.ts';

/** Words of a technology's name that do not tell technologies apart ("Microsoft Excel" is "excel"). */
const GENERIC = new Set(['microsoft', 'software', 'apache', 'ibm', 'oracle', 'adobe', 'google', 'amazon', 'the', 'mathworks', 'statacorp', 'atlassian', 'red', 'hat', 'enterprise', 'framework', 'system', 'systems', 'web', 'services', 'application']);

/** The words that must all appear for a technology to be named: a trailing acronym ("AWS", "SQL") alone, or the name's telling words. */
export function technologyKey(name: string): string[] {
  const raw = name.split(/\s+/).filter((w) => !/^software$/i.test(w));
  const last = raw[raw.length - 1] ?? '';
  if (raw.length > 1 && /^[A-Z][A-Z0-9]+$/.test(last)) return words(last);
  const key = words(raw.join(' ')).filter((w) => !GENERIC.has(w) && !isFiller(w));
  return key.length > 0 ? key : words(name);
}

/** Every technology O*NET lists for the computing occupations, with its key. */
function technologyKeys(catalogue: CareerCatalogue): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const o of catalogue.occupations.values()) for (const t of o.technologies) if (!out.has(t.name)) out.set(t.name, technologyKey(t.name));
  return out;
}

/** The technologies a text names ("Excel and SQL" → Microsoft Excel, Structured query language SQL). */
export function technologiesIn(catalogue: CareerCatalogue, text: string): string[] {
  const said = new Set(words(text));
  const found: string[] = [];
  for (const [name, key] of technologyKeys(catalogue)) if (key.length > 0 && key.every((w) => said.has(w))) found.push(name);
  return found.sort();
}

/** What a learner knows, as far as careers go. */
export interface KnownSkills {
  /** Technologies they said they use, by O*NET name. */
  technologies: ReadonlySet<string>;
  /** Concepts they have mastered or said they know. */
  concepts: ReadonlySet<string>;
}

export interface OccupationFit {
  code: string;
  title: string;
  jobZone: number | null;
  /** In-demand technologies the learner has, and all of them. */
  have: string[];
  inDemand: number;
  /** have / inDemand. */
  overlap: number;
  /** Goals that prepare for it, with the hours still to learn for each (null: no plan reaches it). */
  goals: { id: string; title: string; hours: number | null }[];
}

/** A technology counts as known when the learner named it, or has every concept it maps to. */
function knows(catalogue: CareerCatalogue, known: KnownSkills, technology: string): boolean {
  if (known.technologies.has(technology)) return true;
  const concepts = catalogue.mapping.concepts.get(technology);
  return concepts !== undefined && concepts.length > 0 && concepts.every((c) => known.concepts.has(c));
}

/** The goals that prepare for each occupation code. */
export function goalsByOccupation(graph: KnowledgeGraph, catalogue: CareerCatalogue): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const g of graph.goals.values()) for (const code of goalOccupations(graph, catalogue.mapping, g.id).codes) out.set(code, [...(out.get(code) ?? []), g.id]);
  return out;
}

/**
 * Occupations ranked by the share of their in-demand technologies the
 * learner has, then fewer hours of gap, then code; those with no overlap are
 * left out. Occupations some goal prepares for come first: those are the
 * ones the coach can plan a path to.
 */
export function rankOccupations(
  graph: KnowledgeGraph,
  catalogue: CareerCatalogue,
  known: KnownSkills,
  gapHours: (goalId: string) => number | null,
  limit = 5,
): OccupationFit[] {
  const byCode = goalsByOccupation(graph, catalogue);
  const hours = new Map<string, number | null>();
  const hoursOf = (g: string) => (hours.has(g) ? hours.get(g)! : (hours.set(g, gapHours(g)), hours.get(g)!));
  const fits: OccupationFit[] = [];
  for (const o of catalogue.occupations.values()) {
    const inDemand = o.technologies.filter((t) => t.inDemand).map((t) => t.name);
    if (inDemand.length === 0) continue;
    const have = inDemand.filter((t) => knows(catalogue, known, t));
    if (have.length === 0) continue;
    // The goal that lists the occupation first (its main one) leads, then the shorter path.
    const rankIn = (id: string) => goalOccupations(graph, catalogue.mapping, id).codes.indexOf(o.code);
    const goals = (byCode.get(o.code) ?? [])
      .map((id) => ({ id, title: graph.goals.get(id)!.title, hours: hoursOf(id) }))
      .sort((a, b) => rankIn(a.id) - rankIn(b.id) || (a.hours ?? Infinity) - (b.hours ?? Infinity));
    fits.push({ code: o.code, title: o.title, jobZone: o.jobZone, have, inDemand: inDemand.length, overlap: have.length / inDemand.length, goals });
  }
  const minHours = (f: OccupationFit) => Math.min(...f.goals.map((g) => g.hours ?? Infinity));
  return fits
    .sort((a, b) => Number(b.goals.length > 0) - Number(a.goals.length > 0) || b.overlap - a.overlap || minHours(a) - minHours(b) || (a.code < b.code ? -1 : 1))
    .slice(0, limit);
}

/**
 * The occupations a person may mean by what they say they do ("I'm a
 * teacher", "I work as an accountant"), best first: every content word of
 * the phrase must be in the title or an alternate title. A title said
 * exactly comes first (`exact`), then shorter titles (the general occupation
 * before its specialisms); titles said equally well by many occupations, in
 * the order of {@link representatives}. Several close ones: the coach offers them.
 */
export function findOccupations(catalogue: CareerCatalogue, text: string, limit = 3): { occupation: Occupation | OtherOccupation; exact: boolean }[] {
  const said = words(text).filter((w) => !isFiller(w) && !/^(an?|the|my)$/.test(w));
  // "a high school teacher": O*NET says "Secondary School Teachers"; the last word names the job, so drop words before it until something fits.
  for (let from = 0; from < said.length; from++) {
    const found = occupationsNamed(catalogue, said.slice(from), limit);
    if (found.length > 0) return found;
  }
  return [];
}

function occupationsNamed(catalogue: CareerCatalogue, said: string[], limit: number): { occupation: Occupation | OtherOccupation; exact: boolean }[] {
  const singular = (w: string) => w.replace(/(?<=[a-z]{3})s$/, '');
  const want = said.map(singular);
  const found: { occupation: Occupation | OtherOccupation; exact: boolean; rank: number }[] = [];
  for (const o of [...catalogue.occupations.values(), ...catalogue.others.values()]) {
    let best: { exact: boolean; rank: number } | null = null;
    for (const name of [o.title, ...o.alternateTitles]) {
      const ws = words(name.replace(/,.*$/, '')).map(singular);
      if (!want.every((w) => ws.includes(w))) continue;
      const exact = ws.length === want.length;
      const rank = (exact ? 0 : 1000) + ws.length * 10 + (name === o.title ? 0 : 1);
      if (!best || rank < best.rank) best = { exact, rank };
    }
    if (best) found.push({ occupation: o, ...best });
  }
  found.sort((a, b) => a.rank - b.rank || (a.occupation.code < b.occupation.code ? -1 : 1));
  const tied = found.filter((f) => f.rank === found[0]?.rank);
  const order = representatives(tied.map((f) => f.occupation));
  return [...order.map((o) => tied.find((f) => f.occupation === o)!), ...found.slice(tied.length)].slice(0, limit).map(({ occupation, exact }) => ({ occupation, exact }));
}

/**
 * Occupations one word names equally ("teacher" is an alternate title of 24),
 * in the order to offer them: the one most of the others list as related
 * first (Secondary School Teachers, not the first by code, Business Teachers,
 * Postsecondary), then the most related of those not related to any already
 * offered, so the few shown span the group; the rest after, in their order.
 * "All Other" catch-alls come last.
 */
function representatives(tied: readonly (Occupation | OtherOccupation)[]): (Occupation | OtherOccupation)[] {
  const codes = new Set(tied.map((o) => o.code));
  const inDegree = new Map<string, number>();
  for (const o of tied) for (const r of o.related) if (codes.has(r)) inDegree.set(r, (inDegree.get(r) ?? 0) + 1);
  const catchAll = (o: Occupation | OtherOccupation) => /\bAll Other\b/.test(o.title);
  const near = (a: Occupation | OtherOccupation, b: Occupation | OtherOccupation) => a.related.includes(b.code) || b.related.includes(a.code);
  const order: (Occupation | OtherOccupation)[] = [];
  const left = tied.filter((o) => !catchAll(o));
  while (left.length > 0) {
    const apart = left.filter((o) => !order.some((p) => near(o, p)));
    const pool = apart.length > 0 ? apart : left;
    // Stable: ties keep the code order.
    const pick = pool.reduce((best, o) => ((inDegree.get(o.code) ?? 0) > (inDegree.get(best.code) ?? 0) ? o : best));
    order.push(pick);
    left.splice(left.indexOf(pick), 1);
  }
  return [...order, ...tied.filter(catchAll)];
}

export interface CareerMove {
  from: { code: string; title: string };
  /** O*NET's related occupations of the one they have, by title. */
  related: { code: string; title: string }[];
  /** Goals ranked by the technologies that carry over, with the hours of the gap. */
  goals: { id: string; title: string; carries: string[]; hours: number | null }[];
}

/**
 * From an occupation into the goals the roadmaps offer: what the person's
 * occupation already uses that the goal's occupations ask for (O*NET
 * technologies, in demand or hot), and O*NET's related occupations.
 */
export function careerMove(graph: KnowledgeGraph, catalogue: CareerCatalogue, from: Occupation | OtherOccupation, gapHours: (goalId: string) => number | null, limit = 3): CareerMove {
  const uses = new Set(from.technologies.map((t) => (typeof t === 'string' ? t : t.name)));
  const title = (code: string) => catalogue.occupations.get(code)?.title ?? catalogue.others.get(code)?.title;
  const related = from.related.flatMap((code) => {
    const t = title(code);
    return t ? [{ code, title: t }] : [];
  });
  const goals = [...graph.goals.values()]
    .map((g) => {
      const asked = new Set(goalOccupations(graph, catalogue.mapping, g.id).codes.flatMap((c) => catalogue.occupations.get(c)?.technologies.map((t) => t.name) ?? []));
      const carries = [...uses].filter((t) => asked.has(t)).sort();
      return { id: g.id, title: g.title, carries, hours: gapHours(g.id) };
    })
    .sort((a, b) => b.carries.length - a.carries.length || (a.hours ?? Infinity) - (b.hours ?? Infinity) || (a.id < b.id ? -1 : 1))
    .slice(0, limit);
  return { from: { code: from.code, title: from.title }, related, goals };
}
