/**
 * The parsed-roadmap cache the app keeps in its data directory: a start with
 * unchanged roadmaps uses it, an edited file is read afresh, and a damaged
 * cache or a roadmap broken since is never hidden by it.
 */
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContentError } from '../../src/core/errors.ts';
import { loadRoadmaps } from '../../src/roadmaps/roadmap-files.ts';
import { writeFixtureRoadmaps } from '../support/fixture-graph.ts';
import { tempDir } from '../support/temp-dir.ts';

describe('roadmap cache', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  function setup() {
    const t = tempDir();
    cleanups.push(t.remove);
    const dir = writeFixtureRoadmaps(join(t.dir, 'roadmaps'));
    return { dir, file: join(dir, 'fixture.yaml'), cacheFile: join(t.dir, 'data', 'roadmaps.cache.json') };
  }

  it('gives the same graph from the kept data as from the files', () => {
    const { dir, cacheFile } = setup();
    const fresh = loadRoadmaps(dir, { cacheFile });
    expect(JSON.parse(readFileSync(cacheFile, 'utf8'))).toMatchObject({ version: 1 });
    const kept = loadRoadmaps(dir, { cacheFile });
    expect([...kept.graph.concepts.keys()]).toEqual([...fresh.graph.concepts.keys()]);
    expect([...kept.graph.resources.values()]).toEqual([...fresh.graph.resources.values()]);
  });

  it('reads an edited roadmap afresh', () => {
    const { dir, file, cacheFile } = setup();
    loadRoadmaps(dir, { cacheFile });
    const text = readFileSync(file, 'utf8');
    const title = /title: (.+)/.exec(text)![1]!;
    writeFileSync(file, text.replace(`title: ${title}`, `title: ${title} (edited)`));
    utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    const { graph } = loadRoadmaps(dir, { cacheFile });
    const titles = [...graph.concepts.values(), ...graph.goals.values(), ...graph.resources.values()].map((n) => n.title);
    expect(titles).toContain(`${title} (edited)`);
  });

  it('ignores a damaged cache, and never hides a roadmap broken since', () => {
    const { dir, file, cacheFile } = setup();
    loadRoadmaps(dir, { cacheFile });
    writeFileSync(cacheFile, '{"version": 1, "key": "nonsense"');
    expect(loadRoadmaps(dir, { cacheFile }).graph.concepts.size).toBeGreaterThan(0);
    writeFileSync(file, readFileSync(file, 'utf8') + '\nconcepts: [oops\n');
    utimesSync(file, new Date(), new Date(Date.now() + 10_000));
    expect(() => loadRoadmaps(dir, { cacheFile })).toThrow(ContentError);
  });
});
