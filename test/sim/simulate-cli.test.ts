/**
 * `pathwise simulate` and `pathwise simulate train` on the fixture roadmaps
 * (never the shipped content, never ../shared).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main.ts';
import { POLICY_VERSION } from '../../src/core/sim/learned-policy.ts';
import { memoryIo } from '../support/cli-io.ts';
import { writeFixtureRoadmaps } from '../support/fixture-graph.ts';
import { tempDir } from '../support/temp-dir.ts';

const tmp = tempDir('pathwise-sim-');
afterAll(() => tmp.remove());
const roadmaps = writeFixtureRoadmaps(join(tmp.dir, 'roadmaps'));
const env = { PATHWISE_ROADMAPS: roadmaps };

async function run(args: string[]) {
  const t = memoryIo();
  const code = await runCli(args, t.io, env);
  return { code, out: t.out(), err: t.err() };
}

describe('pathwise simulate', () => {
  it('prints each figure with a 95% interval per policy, the same for the same seed; learned falls back to the rules without a file', async () => {
    const args = ['simulate', '--policy', 'all', '--goal', 'data-analyst', '--learners', '20', '--seed', '3', '--policy-file', join(tmp.dir, 'none.json'), '--json'];
    const a = await run(args);
    expect(a.code).toBe(0);
    const r = JSON.parse(a.out);
    expect(r.note).toMatch(/fell back to the rules/);
    const policies = r.goals[0].policies;
    expect(policies.map((p: { policy: string }) => p.policy)).toEqual(['fixed', 'rules', 'mastery', 'learned']);
    for (const p of policies) {
      for (const k of ['minutesToMastery', 'stepsToMastery', 'finalMastery', 'falseMastery']) {
        expect(p[k].lo).toBeLessThanOrEqual(p[k].mean);
        expect(p[k].hi).toBeGreaterThanOrEqual(p[k].mean);
      }
    }
    // Without a file, learned is the rules: same learners, same figures.
    expect({ ...policies[3], policy: 'rules' }).toEqual(policies[1]);
    expect((await run(args)).out).toBe(a.out);
  });

  it('measures the comparison rows on request: the anchor\'s 24 items per concept, and what the coach serves', async () => {
    const args = ['simulate', '--policy', 'fixed24,coach,rules', '--goal', 'data-analyst', '--learners', '10', '--seed', '3', '--policy-file', join(tmp.dir, 'none.json'), '--json'];
    const r = await run(args);
    expect(r.code).toBe(0);
    const [f24, coach, rules] = JSON.parse(r.out).goals[0].policies;
    expect([f24.policy, coach.policy]).toEqual(['fixed24', 'coach']);
    // Without a file the coach serves the rules alone.
    expect({ ...coach, policy: 'rules' }).toEqual(rules);
  });

  it('refuses an unknown policy or variant as a usage error', async () => {
    expect((await run(['simulate', '--policy', 'oracle', '--goal', 'data-analyst'])).code).toBe(2);
    expect((await run(['simulate', '--policy', 'rules', '--goal', 'data-analyst', '--variant', 'nope'])).code).toBe(2);
  });
});

describe('pathwise simulate train', () => {
  it('writes a versioned policy file with the command and seed, which simulate then serves', async () => {
    const out = join(tmp.dir, 'policy.json');
    const t = await run(['simulate', 'train', '--seed', '9', '--learners', '2', '--rounds', '1', '--iterations', '3', '--out', out]);
    expect(t.code).toBe(0);
    const file = JSON.parse(readFileSync(out, 'utf8'));
    expect(file.trainedWith.seed).toBe(9);
    expect(file.trainedWith.command).toMatch(/^pathwise simulate train --seed 9 /);
    const s = await run(['simulate', '--policy', 'learned', '--goal', 'devops-engineer', '--learners', '5', '--seed', '1', '--policy-file', out, '--json']);
    expect(s.code).toBe(0);
    expect(JSON.parse(s.out).note).toMatch(new RegExp(`learned policy v${POLICY_VERSION}`));
  });

  it('never trains on the research-only fitted variant', async () => {
    const t = await run(['simulate', 'train', '--seed', '1', '--variant', 'fitted:/x.json']);
    expect(t.code).toBe(2);
    expect(t.err).toMatch(/benchmarks only/);
  });
});
