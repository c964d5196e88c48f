import { describe, expect, it } from 'vitest';
import { findOccupations } from '../../src/core/career/career-match.ts';
import type { CareerCatalogue, OtherOccupation } from '../../src/core/career/occupation.ts';

const other = (code: string, title: string, related: string[], alternateTitles = ['Teacher']): OtherOccupation => ({ code, title, jobZone: 4, alternateTitles, technologies: [], related });

/** Six occupations that all answer to "Teacher", in two groups that list each other as related, and a catch-all. */
function teachers(): CareerCatalogue {
  const list = [
    other('25-1011.00', 'Business Teachers, Postsecondary', ['25-1063.00']),
    other('25-1063.00', 'Economics Teachers, Postsecondary', ['25-1011.00']),
    other('25-2021.00', 'Elementary School Teachers, Except Special Education', ['25-2031.00']),
    other('25-2022.00', 'Middle School Teachers, Except Special and Career/Technical Education', ['25-2031.00', '25-2021.00']),
    other('25-2031.00', 'Secondary School Teachers, Except Special and Career/Technical Education', ['25-2022.00']),
    other('25-3099.00', 'Teachers and Instructors, All Other', ['25-2031.00']),
    other('13-2011.00', 'Accountants and Auditors', [], ['Accountant']),
  ];
  return { occupations: new Map(), others: new Map(list.map((o) => [o.code, o])), mapping: { goals: new Map(), concepts: new Map(), notCovered: new Set() } };
}

describe('finding the occupation a person names', () => {
  it('"teacher" starts from the occupation the others point to, not the first by code, and the next offered is from another group', () => {
    const found = findOccupations(teachers(), "I'm a teacher", 4).map((f) => f.occupation.title);
    // Secondary School Teachers is listed as related by three of the others; Business Teachers, Postsecondary only by one.
    expect(found[0]).toBe('Secondary School Teachers, Except Special and Career/Technical Education');
    // The second is not a neighbour of the first: the choices span the group.
    expect(found[1]).toMatch(/Postsecondary/);
    expect(found).not.toContain('Teachers and Instructors, All Other');
    expect(findOccupations(teachers(), 'teacher', 10).at(-1)!.occupation.title).toBe('Teachers and Instructors, All Other');
  });

  it('an occupation said exactly and alone stays the only answer', () => {
    expect(findOccupations(teachers(), 'I work as an accountant').map((f) => [f.occupation.title, f.exact])).toEqual([['Accountants and Auditors', true]]);
  });
});
