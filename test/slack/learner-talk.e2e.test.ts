/**
 * A beginner and a gamer talking to the real coach through Bolt and the
 * loopback fake of Slack's Web API: "I need help" and "next one" before a
 * goal, "I'm stuck" and a broken link until only a resource they set aside
 * is left, "Bring back …" pressed as Slack sends a block action, and "next"
 * or "I don't know" to every quiz question (no credit for skipping).
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SlackAdapter } from '../../src/adapters/slack/slack.adapter.ts';
import { buildApp, type App } from '../../src/app/build-app.ts';
import { MemoryLogger } from '../../src/coach/logger.ts';
import type { Config } from '../../src/config.ts';
import type { KnowledgeGraph } from '../../src/core/graph/types.ts';
import { ManualClock } from '../../src/core/ports/clock.port.ts';
import { InProcessScheduler } from '../../src/engines/embedded/in-process-scheduler.ts';
import { NedbLearnerStore } from '../../src/engines/embedded/nedb-learner-store.ts';
import { PACKAGE_ROOT } from '../../src/package-root.ts';
import { loadRoadmaps } from '../../src/roadmaps/roadmap-files.ts';
import { fixtureGraphWithNotes } from '../support/fixture-graph.ts';
import { tempDir } from '../support/temp-dir.ts';
import { BOT_TOKEN, FakeSlack } from './support/fake-slack.ts';
import { SIGNING_SECRET, SlackSender } from './support/slack-requests.ts';
import { SlackUser } from './support/slack-user.ts';

const LEARNER_ID = 'slack:T0PATHWISE:U0LEARNER1';
let stop: (() => Promise<void>) | null = null;
afterEach(async () => {
  await stop?.();
  stop = null;
});

async function start(graph: KnowledgeGraph): Promise<{ app: App; ada: SlackUser; slack: FakeSlack; said: (text: string) => Promise<string>; pressed: (label: RegExp) => Promise<string> }> {
  const slack = await new FakeSlack().start();
  slack.timezones.set('U0LEARNER1', 'America/Chicago');
  const clock = new ManualClock('2026-03-02T12:00:00Z');
  const tmp = tempDir('pathwise-slack-talk-');
  const config: Config = { roadmapsDir: tmp.dir, dataDir: tmp.dir, logLevel: 'error', timezone: null, ktMappingFile: null, mongodbUrl: null, redisUrl: null, queue: { prefix: 'pathwise', concurrency: 20 } };
  const store = await NedbLearnerStore.open(tmp.dir);
  const scheduler = await InProcessScheduler.open(tmp.dir, { clock });
  const adapter = new SlackAdapter({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: slack.apiUrl, clock, logLevel: 'error', logSink: { debug() {}, info() {}, warn() {}, error() {} } });
  const app = await buildApp(config, adapter.gateway, { clock, graph, seed: 7, log: new MemoryLogger(), engines: { store, scheduler }, defaultTimezone: (from) => adapter.profileTimezone(from) });
  const { port } = await adapter.start(app.coach, { port: 0, host: '127.0.0.1' });
  const ada = new SlackUser(new SlackSender(`http://127.0.0.1:${port}/slack/events`), slack);
  stop = async () => {
    await adapter.stop();
    await app.close();
    await scheduler.stop();
    await store.close();
    await slack.stop();
    tmp.remove();
  };
  const transcript = process.env.PATHWISE_TRANSCRIPT === '1';
  const said = async (text: string) => {
    await ada.dm(text);
    if (transcript) console.log(`> ${text}\n${ada.lastText()}`);
    return ada.lastText();
  };
  const pressed = async (label: RegExp) => {
    await ada.press(label);
    if (transcript) console.log(`> [${label.source}]\n${ada.lastText()}`);
    return ada.lastText();
  };
  return { app, ada, slack, said, pressed };
}

describe('a learner in Slack, in their own words', () => {
  it('a beginner: help and "next one" before a goal, then stuck, a broken link, and "Bring back" pressed on the message', async () => {
    const { app, said, pressed } = await start(fixtureGraphWithNotes());
    expect(await said('I need help')).toContain("I'm Pathwise");
    expect(await said('next one')).toMatch(/^There's no plan yet: tell me what you want to learn/);
    expect(await said('I want to become a data analyst')).toMatch(/How well do you know/);
    await pressed(/Skip the rest/);
    await pressed(/^30 min$/);
    await pressed(/^08:00$/);
    expect(await pressed(/Yes, America\/Chicago/)).toMatch(/All set/);
    expect(await said("I'm stuck")).toMatch(/^Being stuck on Programming Basics is part of learning it/);
    expect(await pressed(/^Another resource for Programming Basics$/)).toMatch(/Programming Basics Course is off your plan[\s\S]*Today: Basics Notes/);
    expect(await said('the link is broken')).toMatch(/^Sorry about that! My only other resource for Programming Basics is Programming Basics Course, which you set aside earlier\./);
    // Pressed as Slack sends it: a block action carrying the button's action_id and value.
    expect(await pressed(/^Bring back Programming Basics Course$/)).toMatch(/^OK, Programming Basics Course is back among the resources I plan with, in place of Basics Notes\.[\s\S]*Today: Programming Basics Course/);
    const l = (await app.store.getLearner(LEARNER_ID))!;
    // The broken one is set aside in its place: not sent again.
    expect(l.plan!.excluded).toEqual(['basics-notes']);
    expect(l.goals).toEqual(['data-analyst']);
  });

  it('a gamer: "next" to every quiz question skips it with no credit, "I don\'t know" to every one counts as not knowing', async () => {
    const { app, said, pressed } = await start(fixtureGraphWithNotes());
    await said('I want to become a data analyst');
    for (const b of [/Skip the rest/, /^30 min$/, /^08:00$/, /Yes, America\/Chicago/]) await pressed(b);
    const before = JSON.stringify((await app.store.getLearner(LEARNER_ID))!.mastery);
    expect(await said('quiz me')).toMatch(/\(1\/3\)/);
    for (const n of [2, 3]) expect(await said('next')).toMatch(new RegExp(`^Skipped; it will come back another time\\.[\\s\\S]*\\(${n}/3\\)`));
    expect(await said('next')).toMatch(/^Skipped[\s\S]*Quiz done: 0\/3 right/);
    expect(await app.store.listAttempts(LEARNER_ID)).toHaveLength(0);
    expect(JSON.stringify((await app.store.getLearner(LEARNER_ID))!.mastery)).toBe(before);
    expect(await said('quiz me')).toMatch(/\(1\/3\)/);
    for (let i = 0; i < 3; i++) await said("I don't know");
    expect(await app.store.listAttempts(LEARNER_ID)).toHaveLength(3);
    expect((await app.store.listAttempts(LEARNER_ID)).every((a) => !a.correct)).toBe(true);
    // Below the 5% a newcomer starts from: not knowing is evidence, skipping is none.
    expect((await app.store.getLearner(LEARNER_ID))!.mastery.basics!.p).toBeLessThan(0.05);
  });

  it('"the rest of it" is the concept at hand, "REST" the REST API design concept, on the shipped roadmaps', async () => {
    const { said, pressed } = await start(loadRoadmaps(join(PACKAGE_ROOT, 'roadmaps')).graph);
    await said('I want to learn SQL');
    for (const b of [/Skip the rest/, /^30 min$/, /^08:00$/, /Yes, America\/Chicago/]) await pressed(b);
    expect(await said("I'm stuck on the rest of it")).toMatch(/^Being stuck on Relational databases is part of learning it/);
    expect(await said("I'm stuck on REST")).toMatch(/^REST API design isn't on your path to SQL/);
    expect(await said('help me learn docker')).toMatch(/Add Docker and containers to your goals, or switch/);
  });
});
