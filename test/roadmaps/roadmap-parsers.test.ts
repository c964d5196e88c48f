import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORE_SCHEMA, load } from 'js-yaml';
import { parseDocument } from 'yaml';
import { ContentError } from '../../src/core/errors.ts';
import { PACKAGE_ROOT } from '../../src/package-root.ts';
import { loadRoadmaps, plainLine } from '../../src/roadmaps/roadmap-files.ts';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : []));
}

describe('the two roadmap parsers (fast first, the one with lines when anything is wrong)', () => {
  it('read every shipped roadmap file to the same data, and the shipped files take the fast one', () => {
    const files = yamlFiles(join(PACKAGE_ROOT, 'roadmaps'));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      expect(load(text, { schema: CORE_SCHEMA }), f).toEqual(parseDocument(text, { uniqueKeys: true }).toJS());
      expect(text.split('\n').filter((l) => !plainLine(l)), f).toEqual([]);
    }
  });

  // Lines js-yaml would read differently from yaml, or accept where yaml refuses: each must fail as the line-numbered parser says.
  const odd: [string, (description: string) => string][] = [
    ['an apostrophe, then a comment', () => "Euler's identity # TODO: reword, it's vague"],
    ['a comment straight after a single-quoted value', () => "'Sums of terms'#draft"],
    ['a comment straight after a double-quoted value', () => '"Sums of terms"# draft'],
    ['a double-quoted value closed on the next line, then a comment', () => '"Sums of\n      terms" # draft "x"'],
  ];
  for (const [what, edit] of odd) {
    it(`reports ${what} with its file and line, as the parser with lines does`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'pw-parsers-'));
      try {
        const lines = readFileSync(join(PACKAGE_ROOT, 'roadmaps', 'math', 'foundations.yaml'), 'utf8').split('\n');
        const at = lines.findIndex((l) => /^\s+description: /.test(l));
        lines[at] = lines[at]!.replace(/description: .*/, `description: ${edit('')}`);
        writeFileSync(join(dir, 'a.yaml'), lines.join('\n'));
        const err = (() => {
          try {
            loadRoadmaps(dir);
          } catch (e) {
            return e;
          }
          return null;
        })();
        expect(err).toBeInstanceOf(ContentError);
        expect((err as ContentError).issues.some((i) => i.file.endsWith('a.yaml') && (i.line === at + 1 || i.line === at + 2))).toBe(true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('reads a YAML 1.1 binary number as text, as the parser with lines does, so a resource with one is refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-parsers-'));
    try {
      const text = readFileSync(join(PACKAGE_ROOT, 'roadmaps', 'math', 'foundations.yaml'), 'utf8');
      const at = text.split('\n').findIndex((l) => /^\s+minutes: \d+/.test(l));
      expect(at).toBeGreaterThan(0);
      writeFileSync(join(dir, 'a.yaml'), text.split('\n').map((l, i) => (i === at ? l.replace(/minutes: \d+/, 'minutes: 0b101') : l)).join('\n'));
      expect(() => loadRoadmaps(dir)).toThrow(ContentError);
      expect(plainLine('    minutes: 0b101')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('still name the file and line of a problem, an inline comment and a duplicate key included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-parsers-'));
    try {
      const good = readFileSync(join(PACKAGE_ROOT, 'roadmaps', 'math', 'foundations.yaml'), 'utf8');
      writeFileSync(join(dir, 'a.yaml'), good);
      const lines = good.split('\n');
      const at = lines.findIndex((l) => /^\s+description: /.test(l));
      // A value cut short by " #": js-yaml would drop the comment silently; the report must name it.
      lines[at] = `${lines[at]} #REF!`;
      writeFileSync(join(dir, 'a.yaml'), lines.join('\n'));
      const err = (() => {
        try {
          loadRoadmaps(dir);
        } catch (e) {
          return e;
        }
        return null;
      })();
      expect(err).toBeInstanceOf(ContentError);
      const issue = (err as ContentError).issues.find((i) => i.code === 'INLINE_COMMENT');
      expect(issue?.line).toBe(at + 1);

      writeFileSync(join(dir, 'a.yaml'), `${good}\nconcepts: []\n`);
      const dup = (() => {
        try {
          loadRoadmaps(dir);
        } catch (e) {
          return e as ContentError;
        }
        return null;
      })();
      expect(dup?.issues[0]?.code).toBe('PARSE');
      expect(dup?.issues[0]?.line).toBe(good.split('\n').length + 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the file of a YAML alias bomb instead of throwing a bare error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-parsers-'));
    try {
      const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
      for (const [k, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e']]) levels.push(`${k}: &${k} [${Array(10).fill(`*${prev}`).join(', ')}]`);
      writeFileSync(join(dir, 'bomb.yaml'), `${levels.join('\n')}\n`);
      const err = (() => {
        try {
          loadRoadmaps(dir);
        } catch (e) {
          return e;
        }
        return null;
      })();
      expect(err).toBeInstanceOf(ContentError);
      expect((err as ContentError).issues[0]).toMatchObject({ code: 'PARSE' });
      expect((err as ContentError).issues[0]!.file).toMatch(/bomb\.yaml$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
