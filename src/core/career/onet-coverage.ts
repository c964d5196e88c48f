/**
 * How much of what employers ask for Pathwise teaches: for every goal, the
 * in-demand technologies O*NET lists for its occupations, each mapped to the
 * concepts that teach it, listed as not covered yet, or missing from the
 * mapping (a problem to fix). Pure: the catalogue and the graph come in, a
 * report goes out; `pathwise careers coverage` prints it, and a
 * `roadmaps stats` command can print {@link formatCoverage} beside its own figures.
 */
import type { KnowledgeGraph } from '../graph/types.ts';
import type { CareerCatalogue, TechnologyMapping } from './occupation.ts';

export type TechnologyStatus =
  | { kind: 'covered'; concepts: string[] }
  | { kind: 'not-covered' }
  /** In neither list of the mapping file. */
  | { kind: 'unmapped' }
  /** Mapped to concepts the graph does not have. */
  | { kind: 'unknown-concepts'; concepts: string[] };

export interface OccupationCoverage {
  code: string;
  title: string;
  technologies: { name: string; status: TechnologyStatus }[];
}

export interface GoalCoverage {
  goal: string;
  title: string;
  /** Where the goal's occupations come from: its roadmap, the mapping file, or nowhere. */
  linkedBy: 'roadmap' | 'mapping' | 'none';
  occupations: OccupationCoverage[];
  /** Codes the goal lists that the occupations file does not hold. */
  unknownOccupations: string[];
}

export interface CoverageReport {
  goals: GoalCoverage[];
  /** Distinct in-demand technologies over every goal's occupations, by status. */
  totals: { technologies: number; covered: number; notCovered: number; unmapped: number; unknownConcepts: number };
  /** Everything that makes the mapping wrong or incomplete, one line each. */
  problems: string[];
}

/** A goal's occupations: its own (`occupations:` in the roadmap) or, when it lists none, the mapping file's. */
export function goalOccupations(graph: KnowledgeGraph, mapping: TechnologyMapping, goalId: string): { codes: readonly string[]; linkedBy: GoalCoverage['linkedBy'] } {
  const own = graph.goals.get(goalId)?.occupations ?? [];
  if (own.length > 0) return { codes: own, linkedBy: 'roadmap' };
  const mapped = mapping.goals.get(goalId) ?? [];
  return mapped.length > 0 ? { codes: mapped, linkedBy: 'mapping' } : { codes: [], linkedBy: 'none' };
}

/** How one technology stands in the mapping, checked against the graph. */
export function technologyStatus(graph: KnowledgeGraph, mapping: TechnologyMapping, name: string): TechnologyStatus {
  const concepts = mapping.concepts.get(name);
  if (concepts) {
    const unknown = concepts.filter((c) => !graph.concepts.has(c));
    return unknown.length > 0 ? { kind: 'unknown-concepts', concepts: unknown } : { kind: 'covered', concepts: [...concepts] };
  }
  return mapping.notCovered.has(name) ? { kind: 'not-covered' } : { kind: 'unmapped' };
}

export function onetCoverage(graph: KnowledgeGraph, catalogue: CareerCatalogue): CoverageReport {
  const { mapping } = catalogue;
  const problems: string[] = [];
  const seen = new Map<string, TechnologyStatus>();
  const goals: GoalCoverage[] = [];
  for (const goal of graph.goals.values()) {
    const { codes, linkedBy } = goalOccupations(graph, mapping, goal.id);
    if (linkedBy === 'none') problems.push(`goal ${goal.id} lists no occupations (add them to its roadmap, or under goals: in the mapping file)`);
    const unknownOccupations = codes.filter((c) => !catalogue.occupations.has(c));
    for (const c of unknownOccupations) problems.push(`goal ${goal.id}: occupation ${c} is not in the occupations file (regenerate it with scripts/onet-subset.ts)`);
    const occupations = codes.flatMap((code) => {
      const o = catalogue.occupations.get(code);
      if (!o) return [];
      const technologies = o.technologies.filter((t) => t.inDemand).map((t) => ({ name: t.name, status: technologyStatus(graph, mapping, t.name) }));
      for (const t of technologies) seen.set(t.name, t.status);
      return [{ code, title: o.title, technologies }];
    });
    goals.push({ goal: goal.id, title: goal.title, linkedBy, occupations, unknownOccupations });
  }
  for (const goalId of mapping.goals.keys()) if (!graph.goals.has(goalId)) problems.push(`the mapping file links occupations to goal ${goalId}, which the roadmaps do not have`);
  const totals = { technologies: seen.size, covered: 0, notCovered: 0, unmapped: 0, unknownConcepts: 0 };
  for (const [name, s] of [...seen].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (s.kind === 'covered') totals.covered++;
    else if (s.kind === 'not-covered') totals.notCovered++;
    else if (s.kind === 'unmapped') {
      totals.unmapped++;
      problems.push(`technology "${name}" is in demand but neither mapped to a concept nor listed under notCovered`);
    } else {
      totals.unknownConcepts++;
      problems.push(`technology "${name}" maps to ${s.concepts.join(', ')}, which the roadmaps do not have`);
    }
  }
  return { goals, totals, problems };
}

const pct = (n: number, of: number) => (of === 0 ? '0%' : `${Math.round((100 * n) / of)}%`);

/** The report as plain text: one line per goal and occupation, the totals, then the problems. */
export function formatCoverage(r: CoverageReport, opts: { detail?: boolean } = {}): string {
  const lines: string[] = ['In-demand technologies of each goal\'s O*NET occupations, and whether Pathwise teaches them:'];
  for (const g of r.goals) {
    lines.push(`${g.title} (${g.goal})${g.linkedBy === 'mapping' ? ' [occupations from data/onet/technology-concepts.yaml]' : ''}`);
    if (g.occupations.length === 0) lines.push('  no occupations linked');
    for (const o of g.occupations) {
      const covered = o.technologies.filter((t) => t.status.kind === 'covered');
      lines.push(`  ${o.code} ${o.title}: ${covered.length} of ${o.technologies.length} covered (${pct(covered.length, o.technologies.length)})`);
      if (opts.detail) {
        const not = o.technologies.filter((t) => t.status.kind !== 'covered').map((t) => t.name);
        if (not.length > 0) lines.push(`    not covered yet: ${not.join(', ')}`);
      }
    }
  }
  const t = r.totals;
  lines.push(
    `Overall: ${t.covered} of ${t.technologies} distinct in-demand technologies covered (${pct(t.covered, t.technologies)}), ${t.notCovered} listed as not covered yet, ${t.unmapped} unmapped, ${t.unknownConcepts} mapped to unknown concepts.`,
  );
  for (const p of r.problems) lines.push(`problem: ${p}`);
  return lines.join('\n');
}
