/**
 * A beginner and a gamer talking to the real coach in Discord DMs, through
 * discord.js against the loopback fake gateway and REST API: "I need help"
 * and "next one" before a goal, "I'm stuck" and a broken link until only a
 * resource they set aside is left, "Bring back …" pressed as Discord sends a
 * component interaction (its custom_id round-trips), and "next" or "I don't
 * know" to every quiz question.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DiscordAdapter } from '../../src/adapters/discord/discord.adapter.ts';
import { buildApp, type App } from '../../src/app/build-app.ts';
import { loadCommands } from '../../src/coach/command-loader.ts';
import { MemoryLogger } from '../../src/coach/logger.ts';
import { PACKAGE_ROOT, type Config } from '../../src/config.ts';
import type { KnowledgeGraph } from '../../src/core/graph/types.ts';
import { ManualClock } from '../../src/core/ports/clock.port.ts';
import { InProcessScheduler } from '../../src/engines/embedded/in-process-scheduler.ts';
import { NedbLearnerStore } from '../../src/engines/embedded/nedb-learner-store.ts';
import { loadRoadmaps } from '../../src/roadmaps/roadmap-files.ts';
import { fixtureGraphWithNotes } from '../support/fixture-graph.ts';
import { tempDir } from '../support/temp-dir.ts';
import { FakeDiscord } from './support/fake-discord.ts';
import { APP_ID, buttonPress, dmMessage, DM_CHANNEL_ID, LEARNER_ID } from './support/fixtures.ts';
import { MemoryLog, TEST_TOKEN } from './support/harness.ts';

interface Body {
  content: string;
  components?: { components: { custom_id: string; label: string }[] }[];
}
const LEARNER = `discord:${APP_ID}:${LEARNER_ID}`;
const settle = (ms = 50) => new Promise((r) => setTimeout(r, ms));

let stop: (() => Promise<void>) | null = null;
afterEach(async () => {
  await stop?.();
  stop = null;
});

async function start(graph: KnowledgeGraph) {
  const t = tempDir('pathwise-discord-talk-');
  const config: Config = { roadmapsDir: t.dir, dataDir: join(t.dir, 'data'), logLevel: 'info', timezone: 'UTC', ktMappingFile: null, discord: { apiUrl: 'unused' }, mongodbUrl: null, redisUrl: null, queue: { prefix: 'pathwise', concurrency: 20 } };
  const clock = new ManualClock('2026-03-02T07:00:00Z');
  const fake = await FakeDiscord.start();
  const commands = await loadCommands(join(PACKAGE_ROOT, 'commands'));
  const adapter = new DiscordAdapter({ token: TEST_TOKEN, apiUrl: fake.apiUrl, commands, log: new MemoryLog(), readyTimeoutMs: 10_000 });
  const store = await NedbLearnerStore.open(config.dataDir);
  const scheduler = await InProcessScheduler.open(config.dataDir, { clock });
  const app: App = await buildApp(config, adapter.gateway, { graph, clock, seed: 7, log: new MemoryLogger(), engines: { store, scheduler } });
  await adapter.start(app.coach);
  stop = async () => {
    await adapter.stop(async () => {
      await app.close();
      await scheduler.stop();
      await store.close();
    });
    await fake.close();
    t.remove();
  };
  const transcript = process.env.PATHWISE_TRANSCRIPT === '1';
  const show = (b: Body) => `${b.content}${(b.components ?? []).flatMap((r) => r.components).map((c) => ` (${c.label})`).join('')}`;
  let last: Body = { content: '' };
  const dmPath = new RegExp(`^/channels/${DM_CHANNEL_ID}/messages$`);
  /** A DM from the learner; the bot's answer is what it posts in the DM channel. */
  const said = async (text: string): Promise<string> => {
    const before = fake.find('POST', dmPath).length;
    fake.dispatch('MESSAGE_CREATE', dmMessage(text));
    await fake.waitFor(`an answer to "${text}"`, () => fake.find('POST', dmPath).length > before);
    await app.coach.idle();
    await settle();
    last = fake.find('POST', dmPath).at(-1)!.body as Body;
    if (transcript) console.log(`> ${text}\n${show(last)}`);
    return last.content;
  };
  /** Presses a button of the last answer, as Discord sends it: a component interaction with the button's custom_id. */
  const pressed = async (label: RegExp): Promise<string> => {
    const b = (last.components ?? []).flatMap((r) => r.components).find((x) => label.test(x.label));
    if (!b) throw new Error(`no button ${label} on: ${show(last)}`);
    const p = buttonPress(b.custom_id, { content: last.content, components: last.components ?? [] }, 'dm');
    fake.dispatch('INTERACTION_CREATE', p);
    await fake.waitForRequest('POST', new RegExp(`^/interactions/${String(p.id)}/`));
    const base = `/webhooks/${APP_ID}/${String(p.token)}`;
    const sent = () => fake.requests.filter((r) => r.path.startsWith(base) && r.method !== 'DELETE' && r.status < 300);
    await fake.waitFor(`an answer to ${label}`, () => sent().length > 0);
    await app.coach.idle();
    await settle();
    last = sent().at(-1)!.body as Body;
    if (transcript) console.log(`> [${label.source}]\n${show(last)}`);
    return last.content;
  };
  return { app, said, pressed };
}

describe('a learner in Discord DMs, in their own words', () => {
  it('a beginner: help and "next one" before a goal, then stuck, a broken link, and "Bring back" pressed on the message', async () => {
    const { app, said, pressed } = await start(fixtureGraphWithNotes());
    expect(await said('I need help')).toContain("I'm Pathwise");
    expect(await said('next one')).toMatch(/^There's no plan yet: tell me what you want to learn/);
    expect(await said('I want to become a data analyst')).toMatch(/How well do you know/);
    for (const b of [/Skip the rest/, /^30 min$/, /^08:00$/]) await pressed(b);
    expect(await pressed(/^Yes, UTC$/)).toMatch(/Today: Programming Basics Course/);
    expect(await said("I'm stuck")).toMatch(/^Being stuck on Programming Basics is part of learning it/);
    expect(await pressed(/^Another resource for Programming Basics$/)).toMatch(/Programming Basics Course is off your plan[\s\S]*Today: Basics Notes/);
    expect(await said('the link is broken')).toMatch(/^Sorry about that! My only other resource for Programming Basics is Programming Basics Course, which you set aside earlier\./);
    expect(await pressed(/^Bring back Programming Basics Course$/)).toMatch(/^OK, Programming Basics Course is back among the resources I plan with, in place of Basics Notes\.[\s\S]*Today: Programming Basics Course/);
    const l = (await app.store.getLearner(LEARNER))!;
    // The broken one is set aside in its place: not sent again.
    expect(l.plan!.excluded).toEqual(['basics-notes']);
    expect(l.goals).toEqual(['data-analyst']);
  });

  it('a gamer: "next" to every quiz question skips it with no credit, "I don\'t know" to every one counts as not knowing', async () => {
    const { app, said, pressed } = await start(fixtureGraphWithNotes());
    await said('I want to become a data analyst');
    for (const b of [/Skip the rest/, /^30 min$/, /^08:00$/, /^Yes, UTC$/]) await pressed(b);
    const before = JSON.stringify((await app.store.getLearner(LEARNER))!.mastery);
    expect(await said('quiz me')).toMatch(/\(1\/3\)/);
    for (const n of [2, 3]) expect(await said('next')).toMatch(new RegExp(`^Skipped; it will come back another time\\.[\\s\\S]*\\(${n}/3\\)`));
    expect(await said('next')).toMatch(/^Skipped[\s\S]*Quiz done: 0\/3 right/);
    expect(await app.store.listAttempts(LEARNER)).toHaveLength(0);
    expect(JSON.stringify((await app.store.getLearner(LEARNER))!.mastery)).toBe(before);
    expect(await said('quiz me')).toMatch(/\(1\/3\)/);
    for (let i = 0; i < 3; i++) await said("I don't know");
    const attempts = await app.store.listAttempts(LEARNER);
    expect(attempts.map((a) => a.correct)).toEqual([false, false, false]);
    expect((await app.store.getLearner(LEARNER))!.mastery.basics!.p).toBeLessThan(0.05);
  });

  it('"the rest of it" is the concept at hand, "REST" the REST API design concept, on the shipped roadmaps', async () => {
    const { said, pressed } = await start(loadRoadmaps(join(PACKAGE_ROOT, 'roadmaps')).graph);
    await said('I want to learn SQL');
    for (const b of [/Skip the rest/, /^30 min$/, /^08:00$/, /^Yes, UTC$/]) await pressed(b);
    expect(await said("I'm stuck on the rest of it")).toMatch(/^Being stuck on Relational databases is part of learning it/);
    expect(await said("I'm stuck on REST")).toMatch(/^REST API design isn't on your path to SQL/);
    expect(await said('can you help me with web development')).toMatch(/^Do you want to make Full-stack developer your goal\?/);
  });
});
