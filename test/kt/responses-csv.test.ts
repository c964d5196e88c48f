import { describe, expect, it } from 'vitest';
import { ContentError } from '../../src/core/errors.ts';
import { MAX_LISTED_ISSUES, parseResponsesCsv } from '../../src/kt/responses-csv.ts';

const parse = (text: string) => parseResponsesCsv(Buffer.from(text, 'utf8'), 'answers.csv');

function issuesOf(text: string) {
  try {
    parse(text);
  } catch (err) {
    if (err instanceof ContentError) return err.issues;
    throw err;
  }
  throw new Error('expected a ContentError');
}

describe('parseResponsesCsv', () => {
  it('reads user_id, skill_id and correct, ignoring other columns', () => {
    const r = parse('order,user_id,skill_id,extra,correct\n1,alice,fractions,x,1\n2,alice,fractions,y,0\n3,bob,decimals,z,1\n');
    expect(r.length).toBe(3);
    expect([...r.user]).toEqual([0, 0, 1]);
    expect(r.userCount).toBe(2);
    expect(r.skillIds).toEqual(['fractions', 'decimals']);
    expect([...r.skill]).toEqual([0, 0, 1]);
    expect([...r.correct]).toEqual([1, 0, 1]);
  });

  it('accepts skill_name for skill_id, quoted fields, CRLF, a BOM and blank lines', () => {
    const text = '\uFEFFuser_id,skill_name,correct\r\n7,"Addition, Whole Numbers",1\r\n\r\n7,"Say ""hi""",0\r\n8,"Addition, Whole Numbers", 1 \r\n';
    const r = parse(text);
    expect(r.skillIds).toEqual(['Addition, Whole Numbers', 'Say "hi"']);
    expect([...r.skill]).toEqual([0, 1, 0]);
    expect([...r.correct]).toEqual([1, 0, 1]);
    expect([...r.user]).toEqual([0, 0, 1]);
  });

  it('prefers skill_id when both skill_id and skill_name are present', () => {
    const r = parse('user_id,skill_name,skill_id,correct\n1,Fractions,51,1\n');
    expect(r.skillIds).toEqual(['51']);
  });

  it('refuses bad rows with their line numbers, and uses none of the file', () => {
    const issues = issuesOf(['user_id,skill_id,correct', 'a,s1,1', 'a,s1,2', 'b,,0', 'c,s2', 'd,s2,yes', 'e,s2,0.5', 'f,s2,1'].join('\n'));
    expect(issues.map((i) => [i.line, i.code])).toEqual([
      [3, 'BAD_CORRECT'],
      [4, 'MISSING_FIELD'],
      [5, 'MISSING_FIELD'],
      [6, 'BAD_CORRECT'],
      [7, 'BAD_CORRECT'],
    ]);
    expect(issues[0]!.reason).toContain('"2"');
    expect(issues[1]!.reason).toContain('skill_id');
    expect(issues[2]!.reason).toContain('correct');
    expect(issues.every((i) => i.file === 'answers.csv')).toBe(true);
  });

  it('counts lines inside quoted fields that span lines', () => {
    const issues = issuesOf('user_id,skill_id,correct\na,"two\nlines",1\nb,s,x\n');
    expect(issues.map((i) => i.line)).toEqual([4]);
  });

  it(`lists at most ${MAX_LISTED_ISSUES} bad rows, then counts the rest`, () => {
    const rows = ['user_id,skill_id,correct', ...Array.from({ length: 50 }, (_, i) => `u${i},s,maybe`)];
    const issues = issuesOf(rows.join('\n'));
    expect(issues).toHaveLength(MAX_LISTED_ISSUES + 1);
    expect(issues[0]!.line).toBe(2);
    expect(issues[MAX_LISTED_ISSUES - 1]!.line).toBe(MAX_LISTED_ISSUES + 1);
    expect(issues.at(-1)!.code).toBe('MORE_BAD_ROWS');
    expect(issues.at(-1)!.reason).toContain('30 more');
    expect(issues.at(-1)!.reason).toContain('50 in all');
  });

  it('names the missing header columns', () => {
    const issues = issuesOf('learner,skill_id,score\n1,a,1\n');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 1, code: 'MISSING_COLUMN' });
    expect(issues[0]!.reason).toContain('user_id');
    expect(issues[0]!.reason).toContain('correct');
  });

  it('refuses a file with no responses', () => {
    expect(issuesOf('user_id,skill_id,correct\n')[0]!.code).toBe('EMPTY');
    expect(issuesOf('')[0]!.code).toBe('MISSING_COLUMN');
  });
});
