import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_SCHEMA, load } from 'js-yaml';
import { parseDocument } from 'yaml';
import { ContentError } from '../../src/core/errors.ts';
import { PACKAGE_ROOT } from '../../src/package-root.ts';
import { loadRoadmaps, plainLine } from '../../src/roadmaps/roadmap-files.ts';
import { tempDir } from '../support/temp-dir.ts';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : []));
}

/** A shipped roadmap file, the base every case below edits. */
const SHIPPED = readFileSync(join(PACKAGE_ROOT, 'roadmaps', 'math', 'foundations.yaml'), 'utf8');

/** Index of the first line matching `re` in `lines`. */
const lineOf = (lines: readonly string[], re: RegExp) => lines.findIndex((l) => re.test(l));

let removes: (() => void)[] = [];
afterEach(() => {
  for (const r of removes) r();
  removes = [];
});

/** A roadmap folder holding one file `name` with `text`. */
function folderWith(name: string, text: string): string {
  const t = tempDir('pw-parsers-');
  removes.push(t.remove);
  writeFileSync(join(t.dir, name), text);
  return t.dir;
}

/** What loading `dir` throws: a ContentError, or null when it loads. */
function loadError(dir: string): ContentError | null {
  try {
    loadRoadmaps(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(ContentError);
    return e as ContentError;
  }
  return null;
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
  const odd: [string, string][] = [
    ['an apostrophe, then a comment', "Euler's identity # TODO: reword, it's vague"],
    ['a comment straight after a single-quoted value', "'Sums of terms'#draft"],
    ['a comment straight after a double-quoted value', '"Sums of terms"# draft'],
    ['a double-quoted value closed on the next line, then a comment', '"Sums of\n      terms" # draft "x"'],
  ];
  for (const [what, description] of odd) {
    it(`reports ${what} with its file and line, as the parser with lines does`, () => {
      const lines = SHIPPED.split('\n');
      const at = lineOf(lines, /^\s+description: /);
      lines[at] = lines[at]!.replace(/description: .*/, `description: ${description}`);
      const err = loadError(folderWith('a.yaml', lines.join('\n')));
      expect(err).toBeInstanceOf(ContentError);
      expect(err!.issues.some((i) => i.file.endsWith('a.yaml') && (i.line === at + 1 || i.line === at + 2))).toBe(true);
    });
  }

  it('reads a YAML 1.1 binary number as text, as the parser with lines does, so a resource with one is refused', () => {
    const lines = SHIPPED.split('\n');
    const at = lineOf(lines, /^\s+minutes: \d+/);
    expect(at).toBeGreaterThan(0);
    lines[at] = lines[at]!.replace(/minutes: \d+/, 'minutes: 0b101');
    expect(() => loadRoadmaps(folderWith('a.yaml', lines.join('\n')))).toThrow(ContentError);
    expect(plainLine('    minutes: 0b101')).toBe(false);
  });

  it('refuses a shipped file whose flow list starts an item with "&" (an anchor the fast parser would drop silently)', () => {
    const lines = SHIPPED.split('\n');
    const at = lineOf(lines, /^\s+choices: \[/);
    expect(at).toBeGreaterThan(0);
    lines[at] = lines[at]!.replace('choices: [', 'choices: [&& ');
    const err = loadError(folderWith('a.yaml', lines.join('\n')));
    expect(err?.issues.find((i) => i.code === 'UNUSED_ANCHOR')?.line).toBe(at + 1);
    expect(plainLine('        choices: [String, && Boolean, Number]')).toBe(false);
    expect(plainLine('    title: !!str &x foo')).toBe(false);
    expect(plainLine('        choices: [String, Boolean, Number]')).toBe(true);
  });

  it('still name the file and line of a problem, an inline comment and a duplicate key included', () => {
    const lines = SHIPPED.split('\n');
    const at = lineOf(lines, /^\s+description: /);
    // A value cut short by " #": js-yaml would drop the comment silently; the report must name it.
    lines[at] = `${lines[at]} #REF!`;
    const err = loadError(folderWith('a.yaml', lines.join('\n')));
    expect(err).toBeInstanceOf(ContentError);
    expect(err!.issues.find((i) => i.code === 'INLINE_COMMENT')?.line).toBe(at + 1);

    const dup = loadError(folderWith('a.yaml', `${SHIPPED}\nconcepts: []\n`));
    expect(dup?.issues[0]?.code).toBe('PARSE');
    expect(dup?.issues[0]?.line).toBe(SHIPPED.split('\n').length + 1);
  });

  it('names the file of a YAML alias bomb instead of throwing a bare error', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [k, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e']]) levels.push(`${k}: &${k} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    const err = loadError(folderWith('bomb.yaml', `${levels.join('\n')}\n`));
    expect(err).toBeInstanceOf(ContentError);
    expect(err!.issues[0]).toMatchObject({ code: 'PARSE' });
    expect(err!.issues[0]!.file).toMatch(/bomb\.yaml$/);
  });
});
