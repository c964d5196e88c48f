/**
 * The real coach in Slack, end to end: the app as `pathwise slack` builds it
 * (buildApp around the Slack gateway, with the embedded store and scheduler,
 * the fixture roadmaps and a manual clock) behind the real Bolt app in HTTP mode on loopback, driven by
 * signed requests shaped as Slack sends them, answering to the fake Web API.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackAdapter } from '../../src/adapters/slack/slack.adapter.ts';
import { buildApp, type App } from '../../src/app/build-app.ts';
import { MemoryLogger } from '../../src/coach/logger.ts';
import type { Config } from '../../src/config.ts';
import { ManualClock } from '../../src/core/ports/clock.port.ts';
import { InProcessScheduler } from '../../src/engines/embedded/in-process-scheduler.ts';
import { NedbLearnerStore } from '../../src/engines/embedded/nedb-learner-store.ts';
import { fixtureGraph } from '../support/fixture-graph.ts';
import { tempDir } from '../support/temp-dir.ts';
import { BOT_TOKEN, FakeSlack } from './support/fake-slack.ts';
import { SIGNING_SECRET, SlackSender } from './support/slack-requests.ts';
import { decodePng, isColour } from '../support/png.ts';
import { blocksText, SlackUser } from './support/slack-user.ts';

const LEARNER_ID = 'slack:T0PATHWISE:U0LEARNER1';

let slack: FakeSlack;
let adapter: SlackAdapter;
let app: App;
let store: NedbLearnerStore;
let scheduler: InProcessScheduler;
let clock: ManualClock;
let ada: SlackUser;
let removeDir: () => void;

beforeEach(async () => {
  slack = await new FakeSlack().start();
  slack.timezones.set('U0LEARNER1', 'America/Chicago');
  // Monday 2 March 2026, 06:00 in Chicago (CST, UTC-6).
  clock = new ManualClock('2026-03-02T12:00:00Z');
  const tmp = tempDir('pathwise-slack-e2e-');
  removeDir = tmp.remove;
  const config: Config = { roadmapsDir: tmp.dir, dataDir: tmp.dir, logLevel: 'error', timezone: null, ktMappingFile: null, mongodbUrl: null, redisUrl: null, queue: { prefix: 'pathwise', concurrency: 20 } };
  // The test owns the embedded engines, so it can run due jobs with the manual clock.
  store = await NedbLearnerStore.open(tmp.dir);
  scheduler = await InProcessScheduler.open(tmp.dir, { clock });
  adapter = new SlackAdapter({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: slack.apiUrl, clock, logLevel: 'error', logSink: { debug() {}, info() {}, warn() {}, error() {} } });
  app = await buildApp(config, adapter.gateway, { clock, graph: fixtureGraph(), seed: 7, log: new MemoryLogger(), engines: { store, scheduler }, defaultTimezone: (from) => adapter.profileTimezone(from) });
  const { port } = await adapter.start(app.coach, { port: 0, host: '127.0.0.1' });
  await app.startJobs();
  ada = new SlackUser(new SlackSender(`http://127.0.0.1:${port}/slack/events`), slack);
});

afterEach(async () => {
  await adapter.stop();
  await app.close();
  await scheduler.stop();
  await store.close();
  await slack.stop();
  removeDir();
});

/** Says hello, sets the goal by slash command, confirms it by button and finishes setup with buttons. */
async function onboard(): Promise<void> {
  await ada.dm('hello');
  expect(ada.lastText()).toContain("I'm Pathwise");
  await ada.command('goal engineer');
  expect(ada.lastText()).toContain('I am not sure which you mean');
  await ada.press(/^DevOps Engineer$/);
  expect(ada.lastText()).toContain('🎯 Goal: DevOps Engineer');
  await ada.press(/Skip the rest/);
  await ada.press(/^30 min$/);
  await ada.press(/^08:00$/);
  // The time zone proposed is the one in the Slack profile (users.info → tz).
  expect(ada.lastText()).toContain('America/Chicago');
  await ada.press(/Yes, America\/Chicago/);
}

describe('Pathwise in Slack, end to end with the real coach', () => {
  it('a goal set by slash command and confirmed by a button yields a plan, in the DM', async () => {
    await onboard();
    const last = ada.shown().at(-1)!;
    expect(last.call.method).toBe('chat.postMessage');
    expect(last.message?.channel).toBe('D0LEARNER1');
    const text = blocksText(last.blocks);
    expect(text).toContain("I'll check in every day at 08:00 (America/Chicago)");
    expect(text).toContain('Your path to DevOps Engineer');
    expect(text).toContain('Docker Course');
    const learner = await app.store.getLearner(LEARNER_ID);
    expect(learner).toMatchObject({ onboarding: 'done', goals: ['devops-engineer'], settings: { timezone: 'America/Chicago', dailyHour: 8 } });
    expect(learner!.plan!.steps.length).toBeGreaterThan(0);
    expect(learner!.conversation).toEqual({ platform: 'slack', workspace: 'T0PATHWISE', channel: 'D0LEARNER1', user: 'U0LEARNER1' });
  });

  it('a quiz answered by button replaces the question with the result and raises mastery, and the Home tab follows', async () => {
    await onboard();
    await ada.command('quiz');
    const question = ada.shown().at(-1)!;
    expect(blocksText(question.blocks)).toMatch(/Question \d about Programming Basics\?/);
    const before = (await app.store.getLearner(LEARNER_ID))!.mastery.basics?.p ?? 0;
    const publishedBefore = slack.callsOf('views.publish').length;

    // The options are in the message, lettered; the buttons carry the letters.
    const letter = /^([A-F])\. basics right \d$/m.exec(blocksText(question.blocks))![1]!;
    await ada.press(new RegExp(`^${letter}$`));
    const update = slack.callsOf('chat.update').at(-1)!;
    expect(update.args).toMatchObject({ channel: 'D0LEARNER1', ts: question.message!.ts });
    expect(blocksText(update.args.blocks as never)).toMatch(/✅ Right! Because of Programming Basics rule \d\./);
    const after = (await app.store.getLearner(LEARNER_ID))!.mastery.basics!.p;
    expect(after).toBeGreaterThan(before);

    expect(slack.callsOf('views.publish').length).toBeGreaterThan(publishedBefore);
    const home = slack.callsOf('views.publish').at(-1)!.args;
    expect(home.user_id).toBe('U0LEARNER1');
    expect(JSON.stringify(home.view)).toContain(`${Math.round(after * 100)}%`);
  });

  it('a second press of an answered question leaves the next question in place and answers in a new message', async () => {
    await onboard();
    await ada.command('quiz');
    const question = ada.shown().at(-1)!;
    const letter = /^([A-F])\. basics right \d$/m.exec(blocksText(question.blocks))![1]!;
    await ada.pressOn(question, new RegExp(`^${letter}$`));
    const updates = slack.callsOf('chat.update');
    expect(blocksText(updates.at(-1)!.args.blocks as never)).toMatch(/✅ Right!/);
    const posted = slack.callsOf('chat.postMessage').length;

    // Past the double-click window, the old copy of the question is pressed again.
    clock.advance(10_000);
    await ada.pressOn(question, new RegExp(`^${letter}$`));
    expect(slack.callsOf('chat.update')).toHaveLength(updates.length);
    expect(slack.callsOf('chat.postMessage')).toHaveLength(posted + 1);
    expect(ada.lastText()).toMatch(/already answered/);
    expect(ada.shown().at(-1)!.message?.channel).toBe('D0LEARNER1');
  });

  it('/pathwise plan picture posts the path drawn, the PNG uploaded to the learner’s DM', async () => {
    await onboard();
    await ada.command('plan picture');
    await slack.waitFor(() => slack.callsOf('files.completeUploadExternal').length === 1);
    expect(ada.lastText()).toMatch(/Your path to DevOps Engineer, as a picture/);
    const [upload] = slack.uploads;
    expect(upload!.filename).toMatch(/^pathwise-path-devops-engineer-\d{4}-\d{2}-\d{2}\.png$/);
    expect(slack.callsOf('files.completeUploadExternal')[0]!.args.channel_id).toBe('D0LEARNER1');
    const png = decodePng(upload!.bytes);
    expect(png.width).toBeGreaterThanOrEqual(560);
    expect(isColour(png.pixel(1, 1), '#ffffff')).toBe(true);
    expect(slack.scopeRefusals()).toEqual([]);
  });

  it('publishes the Home tab on opening: goal, plan next steps first, mastery', async () => {
    const welcome = await ada.openHome();
    expect(JSON.stringify(welcome)).toContain('Welcome to Pathwise');
    await onboard();
    const home = await ada.openHome();
    expect(home.type).toBe('home');
    const text = blocksText(home.blocks as never);
    expect(text).toContain('*Your goal:* DevOps Engineer');
    expect(text).toContain('Your path to DevOps Engineer');
    expect(text.indexOf('1. ')).toBeLessThan(text.indexOf('Docker Course'));
    expect(text).toMatch(/Overall\n`[▓░]{10}` \d+%/);
  });

  it('keeps progress private in a channel: the reply is ephemeral through response_url', async () => {
    await onboard();
    const posted = slack.callsOf('chat.postMessage').length;
    await ada.command('progress', 'C0GENERAL1');
    const reply = slack.callsOf('response_url').at(-1)!;
    expect(reply.args.response_type).toBe('ephemeral');
    expect(blocksText(reply.args.blocks as never)).toContain('Toward DevOps Engineer');
    expect(slack.callsOf('chat.postMessage')).toHaveLength(posted);
  });

  it('changes settings in a modal opened right after the command: typed, validated in place, schedule moved', async () => {
    await onboard();
    const modal = await ada.commandOpeningModal('settings');
    expect(modal.callback_id).toBe('pw.command:settings');
    const ids = modal.blocks.map((b) => b.block_id);
    expect(ids).toEqual(expect.arrayContaining(['hour', 'timezone', 'minutes', 'paused']));
    const tz = modal.blocks.find((b) => b.block_id === 'timezone') as { element: { initial_value?: string } };
    expect(tz.element.initial_value).toBe('America/Chicago');

    const refused = await ada.submit(modal, { timezone: 'Mars/Olympus' });
    expect(JSON.parse(refused)).toMatchObject({ response_action: 'errors', errors: { timezone: expect.any(String) } });

    expect(await ada.submit(modal, { hour: '7', timezone: 'Europe/Berlin' })).toBe('');
    expect(ada.lastText()).toContain('Saved: daily hour 7:00; time zone Europe/Berlin.');
    expect(ada.shown().at(-1)!.message?.channel).toBe('D0LEARNER1');
    const learner = await app.store.getLearner(LEARNER_ID);
    expect(learner!.settings).toMatchObject({ dailyHour: 7, timezone: 'Europe/Berlin' });
    const daily = (await scheduler.list()).filter((e) => e.daily);
    expect(daily.map((e) => e.daily)).toEqual([expect.objectContaining({ hour: 7, timezone: 'Europe/Berlin' })]);
  });

  it('the settings modal opens with what is saved, so changing only the hour keeps the saved time zone', async () => {
    await onboard();
    await ada.submit(await ada.commandOpeningModal('settings'), { timezone: 'Europe/Berlin' });
    expect(ada.lastText()).toContain('Saved: time zone Europe/Berlin.');

    // The Slack profile still says America/Chicago; the form must show the saved zone and hour.
    const modal = await ada.commandOpeningModal('settings');
    const initial = (id: string) => (modal.blocks.find((b) => b.block_id === id) as { element: { initial_value?: string } }).element.initial_value;
    expect(initial('timezone')).toBe('Europe/Berlin');
    expect(initial('hour')).toBe('8');
    expect(initial('minutes')).toBe('30');
    expect(await ada.submit(modal, { hour: '6' })).toBe('');
    expect(ada.lastText()).toContain('Saved: daily hour 6:00.');
    expect(ada.lastText()).not.toContain('time zone');
    const learner = await app.store.getLearner(LEARNER_ID);
    expect(learner!.settings).toMatchObject({ dailyHour: 6, timezone: 'Europe/Berlin', minutesPerDay: 30 });
    const daily = (await scheduler.list()).filter((e) => e.daily);
    expect(daily.map((e) => e.daily)).toEqual([expect.objectContaining({ hour: 6, timezone: 'Europe/Berlin' })]);
  });

  it('/pathwise help lists the commands in Slack’s form, /pathwise goal …, never a /goal that Slack does not have', async () => {
    await ada.command('help');
    const help = ada.lastText();
    expect(help).toContain('/pathwise goal [text]');
    expect(help).toContain('/pathwise settings');
    expect(help).not.toMatch(/(^|\s)\/(goal|cohort|settings)\b/m);
    expect(help).not.toContain('with or without the slash');
  });

  it('delivers the daily task as a DM at the learner’s hour, once', async () => {
    await onboard();
    const posted = slack.callsOf('chat.postMessage').length;
    // 08:05 in Chicago.
    clock.set('2026-03-02T14:05:00Z');
    await scheduler.runDue();
    await slack.waitFor(() => slack.callsOf('chat.postMessage').length === posted + 1);
    const dm = slack.callsOf('chat.postMessage').at(-1)!;
    expect(dm.args.channel).toBe('D0LEARNER1');
    expect(blocksText(dm.args.blocks as never)).toContain('Here is your task for today');

    await scheduler.runDue();
    await slack.settle();
    expect(slack.callsOf('chat.postMessage')).toHaveLength(posted + 1);
  });
});
