/**
 * One learner's conversation, the same on every chat platform: a beginner and
 * a gamer talking to the real coach through a platform's SDK and its loopback
 * fake (test/slack/learner-talk.e2e.test.ts, test/discord/…). "I need help"
 * and "next one" before a goal, "I'm stuck" and a broken link until only a
 * resource they set aside is left, "Bring back …" pressed as the platform
 * sends a button press, and "next" or "I don't know" to every quiz question
 * (no credit for skipping).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app/build-app.ts';
import type { KnowledgeGraph } from '../../src/core/graph/types.ts';
import { PACKAGE_ROOT } from '../../src/package-root.ts';
import { loadRoadmaps } from '../../src/roadmaps/roadmap-files.ts';
import { fixtureGraphWithNotes } from '../support/fixture-graph.ts';

export interface TalkUnderTest {
  app: App;
  /** A DM from the learner; the bot's answer. */
  said(text: string): Promise<string>;
  /** Presses a button of the last answer, as the platform sends it; the bot's answer. */
  pressed(label: RegExp): Promise<string>;
}

export interface TalkPlatform {
  /** The learner's id in the store. */
  learnerId: string;
  /** The set-up's last button: the time zone the platform told the coach. */
  zoneButton: RegExp;
  /** What the learner sees last after that press (Slack answers in two messages, Discord in one). */
  afterSetUp: RegExp;
  /** One more thing said on the shipped roadmaps, and the start of its answer. */
  shipped: [text: string, answer: RegExp];
}

export function learnerTalkContract(name: string, platform: TalkPlatform, start: (graph: KnowledgeGraph) => Promise<TalkUnderTest>): void {
  const { learnerId, zoneButton } = platform;
  const setUp = [/Skip the rest/, /^30 min$/, /^08:00$/];

  describe(`a learner in ${name}, in their own words`, () => {
    it('a beginner: help and "next one" before a goal, then stuck, a broken link, and "Bring back" pressed on the message', async () => {
      const { app, said, pressed } = await start(fixtureGraphWithNotes());
      expect(await said('I need help')).toContain("I'm Pathwise");
      expect(await said('next one')).toMatch(/^There's no plan yet: tell me what you want to learn/);
      expect(await said('I want to become a data analyst')).toMatch(/How well do you know/);
      for (const b of setUp) await pressed(b);
      expect(await pressed(zoneButton)).toMatch(platform.afterSetUp);
      expect(await said("I'm stuck")).toMatch(/^Being stuck on Programming Basics is part of learning it/);
      expect(await pressed(/^Another resource for Programming Basics$/)).toMatch(/Programming Basics Course is off your plan[\s\S]*Today: Basics Notes/);
      expect(await said('the link is broken')).toMatch(/^Sorry about that! My only other resource for Programming Basics is Programming Basics Course, which you set aside earlier\./);
      expect(await pressed(/^Bring back Programming Basics Course$/)).toMatch(/^OK, Programming Basics Course is back among the resources I plan with, in place of Basics Notes\.[\s\S]*Today: Programming Basics Course/);
      const l = (await app.store.getLearner(learnerId))!;
      // The broken one is set aside in its place: not sent again.
      expect(l.plan!.excluded).toEqual(['basics-notes']);
      expect(l.goals).toEqual(['data-analyst']);
    });

    it('a gamer: "next" to every quiz question skips it with no credit, "I don\'t know" to every one counts as not knowing', async () => {
      const { app, said, pressed } = await start(fixtureGraphWithNotes());
      await said('I want to become a data analyst');
      for (const b of [...setUp, zoneButton]) await pressed(b);
      const before = JSON.stringify((await app.store.getLearner(learnerId))!.mastery);
      expect(await said('quiz me')).toMatch(/\(1\/3\)/);
      for (const n of [2, 3]) expect(await said('next')).toMatch(new RegExp(`^Skipped; it will come back another time\\.[\\s\\S]*\\(${n}/3\\)`));
      expect(await said('next')).toMatch(/^Skipped[\s\S]*Quiz done: 0\/3 right/);
      expect(await app.store.listAttempts(learnerId)).toHaveLength(0);
      expect(JSON.stringify((await app.store.getLearner(learnerId))!.mastery)).toBe(before);
      expect(await said('quiz me')).toMatch(/\(1\/3\)/);
      for (let i = 0; i < 3; i++) await said("I don't know");
      const attempts = await app.store.listAttempts(learnerId);
      expect(attempts.map((a) => a.correct)).toEqual([false, false, false]);
      // Below the 5% a newcomer starts from: not knowing is evidence, skipping is none.
      expect((await app.store.getLearner(learnerId))!.mastery.basics!.p).toBeLessThan(0.05);
    });

    it('"the rest of it" is the concept at hand, "REST" the REST API design concept, on the shipped roadmaps', async () => {
      const { said, pressed } = await start(loadRoadmaps(join(PACKAGE_ROOT, 'roadmaps')).graph);
      await said('I want to learn SQL');
      for (const b of [...setUp, zoneButton]) await pressed(b);
      expect(await said("I'm stuck on the rest of it")).toMatch(/^Being stuck on Relational databases is part of learning it/);
      expect(await said("I'm stuck on REST")).toMatch(/^REST API design isn't on your path to SQL/);
      const [text, answer] = platform.shipped;
      expect(await said(text)).toMatch(answer);
    });
  });
}
