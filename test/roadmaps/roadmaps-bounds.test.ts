/**
 * `pathwise roadmaps check` on folders that are not roadmap folders, files
 * far too big to be roadmaps, and one broken file among good ones: each is
 * answered quickly, in a few lines a person can act on.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main.ts';
import { MAX_ENTRIES } from '../../src/roadmaps/roadmap-files.ts';
import { memoryIo } from '../support/cli-io.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pathwise-bounds-'));
  dirs.push(dir);
  return dir;
}

async function check(dir: string) {
  const t = memoryIo();
  const started = performance.now();
  const code = await runCli(['roadmaps', 'check', dir], t.io, {});
  return { code, out: t.out(), err: t.err(), ms: performance.now() - started };
}

describe('roadmaps check, bounded', () => {
  it('says no roadmap files were found in a folder without any, skipping node_modules and hidden folders', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'node_modules', 'pkg'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'pkg', 'package.json'), '{}');
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, '.git', 'config.json'), '{}');
    writeFileSync(join(dir, 'notes.txt'), 'not a roadmap');
    const r = await check(dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no .yaml, .yml or .json roadmap files here: none found below this folder.*\[EMPTY\]/);
  });

  it('refuses a huge tree after a bounded look instead of walking it all', async () => {
    const dir = folder();
    for (let d = 0; d < 11; d++) {
      mkdirSync(join(dir, `d${d}`));
      for (let f = 0; f < MAX_ENTRIES / 10; f++) writeFileSync(join(dir, `d${d}`, `f${f}.txt`), '');
    }
    const r = await check(dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/more than 5,000 files and folders here, which is not a roadmap folder.*\[TOO_MANY_FILES\]/);
    expect(r.err.split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('refuses a 17 MB file by its size, at once, instead of parsing it (or overflowing the stack)', async () => {
    const dir = folder();
    const concept = (i: number) => `  - id: c${i}\n    title: C ${i}\n    description: d\n    domains: [t]\n    difficulty: 2\n    bloom: understand\n    requires: [ghost${i}]\n`;
    const parts = ['concepts:\n'];
    for (let i = 0; i < 125_000; i++) parts.push(concept(i));
    writeFileSync(join(dir, 'huge.yaml'), parts.join(''));
    const r = await check(dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/huge\.yaml: \(root\): 1[6-9]\.\d MB is more than a roadmap file holds \(at most 4\.0 MB\).*\[TOO_LARGE\]/);
    expect(r.err).not.toMatch(/call stack/);
    expect(r.ms).toBeLessThan(5_000);
  });

  it('lists at most 200 problems, then says how many more there are', async () => {
    const dir = folder();
    const parts = ['concepts:\n'];
    for (let i = 0; i < 300; i++) parts.push(`  - id: c${i}\n    title: C ${i}\n`);
    writeFileSync(join(dir, 'many.yaml'), parts.join(''));
    const r = await check(dir);
    expect(r.code).toBe(1);
    const rows = r.err.split('\n').filter((l) => l.includes('many.yaml'));
    expect(rows).toHaveLength(200);
    expect(r.err).toMatch(/…and [\d,]+ more not shown; fix these first/);
  });

  it('reports an id that is missing, or in a file that did not parse, once with a count, not once per reference', async () => {
    const dir = folder();
    // base.yaml would define "base" but does not parse.
    writeFileSync(join(dir, 'base.yaml'), 'concepts:\n  - id: base\n    title: [unclosed\n');
    const concepts = Array.from({ length: 30 }, (_, i) => `  - id: c${i}\n    title: C ${i}\n    description: d\n    domains: [t]\n    difficulty: 2\n    bloom: understand\n    requires: [base]\n`);
    writeFileSync(join(dir, 'more.yaml'), `concepts:\n${concepts.join('')}`);
    const r = await check(dir);
    expect(r.code).toBe(1);
    const refs = r.err.split('\n').filter((l) => l.endsWith('[UNKNOWN_REFERENCE]'));
    expect(refs).toHaveLength(1);
    expect(refs[0]).toMatch(/unknown prerequisite "base" \(29 more references to it not listed; it may be defined in a file that could not be read above\)/);
    expect(r.err).toMatch(/base\.yaml:\d+: \(root\): .*\[PARSE\]/);
  });
});
