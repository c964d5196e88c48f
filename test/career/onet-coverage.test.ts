import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCareerCatalogue } from '../../src/career/career-files.ts';
import { ONET_CREDIT } from '../../src/core/career/occupation.ts';
import { formatCoverage, onetCoverage } from '../../src/core/career/onet-coverage.ts';
import { PACKAGE_ROOT } from '../../src/package-root.ts';
import { loadRoadmaps } from '../../src/roadmaps/roadmap-files.ts';
import { fixtureGraph } from '../support/fixture-graph.ts';
import { fixtureCatalogue } from '../support/fixture-catalogue.ts';

describe('O*NET coverage', () => {
  it('counts in-demand technologies as covered, not covered yet, or missing from the mapping', () => {
    const cat = fixtureCatalogue();
    const report = onetCoverage(fixtureGraph(), cat);
    expect(report.totals).toEqual({ technologies: 6, covered: 4, notCovered: 2, unmapped: 0, unknownConcepts: 0 });
    expect(report.problems).toEqual([]);
    const text = formatCoverage(report, { detail: true });
    expect(text).toContain('15-2051.01 Business Intelligence Analysts: 2 of 3 covered (67%)');
    expect(text).toContain('not covered yet: Microsoft Excel');
  });

  it('names a technology nobody mapped and a concept the roadmaps do not have', () => {
    const cat = fixtureCatalogue();
    const concepts = new Map(cat.mapping.concepts);
    concepts.delete('Docker');
    concepts.set('Linux', ['operating-systems']);
    const report = onetCoverage(fixtureGraph(), { ...cat, mapping: { ...cat.mapping, concepts } });
    expect(report.problems).toEqual([
      'technology "Docker" is in demand but neither mapped to a concept nor listed under notCovered',
      'technology "Linux" maps to operating-systems, which the roadmaps do not have',
    ]);
  });

  it('the shipped subset carries the credit line, and maps every in-demand technology of every shipped goal', () => {
    const raw = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'data/onet/occupations.json'), 'utf8')) as { credit: string };
    expect(raw.credit).toBe(ONET_CREDIT);
    expect(readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8').replace(/\s*\n>\s*/g, ' ')).toContain(ONET_CREDIT);
    const report = onetCoverage(loadRoadmaps(join(PACKAGE_ROOT, 'roadmaps')).graph, loadCareerCatalogue());
    expect(report.problems).toEqual([]);
    expect(report.goals.every((g) => g.occupations.length > 0)).toBe(true);
  });
});
