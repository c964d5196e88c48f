import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORE_SCHEMA, load } from 'js-yaml';
import { parseDocument } from 'yaml';
import { ContentError } from '../../src/core/errors.ts';
import { PACKAGE_ROOT } from '../../src/package-root.ts';
import { loadRoadmaps } from '../../src/roadmaps/roadmap-files.ts';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : []));
}

describe('the two roadmap parsers (fast first, the one with lines when anything is wrong)', () => {
  it('read every shipped roadmap file to the same data', () => {
    const files = yamlFiles(join(PACKAGE_ROOT, 'roadmaps'));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      expect(load(text, { schema: CORE_SCHEMA }), f).toEqual(parseDocument(text, { uniqueKeys: true }).toJS());
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
});
