/**
 * The whole bot end to end: the real coach (built by the app's wiring with
 * the embedded store and scheduler, a manual clock and the fixture graph)
 * behind the real discord.js client, against the loopback fake of Discord.
 * Everything a learner does here is an interaction or a DM dispatched by the
 * fake gateway; everything asserted is what discord.js sent back over REST,
 * or what the store holds.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { graphAutocomplete } from '../../src/adapters/discord/autocomplete.ts';
import { DiscordAdapter } from '../../src/adapters/discord/discord.adapter.ts';
import { buildApp, type App } from '../../src/app/build-app.ts';
import { loadCommands } from '../../src/coach/command-loader.ts';
import { MemoryLogger } from '../../src/coach/logger.ts';
import { PACKAGE_ROOT, type Config } from '../../src/config.ts';
import { ManualClock } from '../../src/core/ports/clock.port.ts';
import { InProcessScheduler } from '../../src/engines/embedded/in-process-scheduler.ts';
import { NedbLearnerStore } from '../../src/engines/embedded/nedb-learner-store.ts';
import { fixtureGraph, rightAnswer } from '../support/fixture-graph.ts';
import { tempDir } from '../support/temp-dir.ts';
import { decodePng, isColour } from '../support/png.ts';
import { FakeDiscord, multipartFiles, type RecordedRequest } from './support/fake-discord.ts';
import { APP_ID, autocomplete, buttonPress, dmMessage, DM_CHANNEL_ID, LEARNER_ID, modalSubmit, slashCommand } from './support/fixtures.ts';
import { MemoryLog, TEST_TOKEN } from './support/harness.ts';

type Json = Record<string, unknown>;
interface Button {
  custom_id: string;
  label: string;
}
interface Body {
  content: string;
  components: { components: Button[] }[];
  flags?: number;
}

const LEARNER = `discord:${APP_ID}:${LEARNER_ID}`;
const settle = (ms = 150) => new Promise((r) => setTimeout(r, ms));

let fake: FakeDiscord;
let adapter: DiscordAdapter;
let app: App;
let scheduler: InProcessScheduler;
let store: NedbLearnerStore;
let clock: ManualClock;
let log: MemoryLog;
let removeDir: () => void;

beforeEach(async () => {
  const t = tempDir('pathwise-discord-');
  removeDir = t.remove;
  const config: Config = { roadmapsDir: t.dir, dataDir: join(t.dir, 'data'), logLevel: 'info', timezone: 'UTC', ktMappingFile: null, discord: { apiUrl: 'unused' }, mongodbUrl: null, redisUrl: null, queue: { prefix: 'pathwise', concurrency: 20 } };
  const graph = fixtureGraph();
  clock = new ManualClock('2026-03-02T07:00:00Z');
  log = new MemoryLog();
  fake = await FakeDiscord.start();
  const commands = await loadCommands(join(PACKAGE_ROOT, 'commands'));
  adapter = new DiscordAdapter({ token: TEST_TOKEN, apiUrl: fake.apiUrl, commands, autocomplete: graphAutocomplete(graph), log, readyTimeoutMs: 10_000 });
  // Opened here (not by the app) so the test can run due jobs by hand at the manual clock's time.
  store = await NedbLearnerStore.open(config.dataDir);
  scheduler = await InProcessScheduler.open(config.dataDir, { clock });
  app = await buildApp(config, adapter.gateway, { graph, clock, seed: 7, log: new MemoryLogger(), engines: { store, scheduler } });
  await adapter.start(app.coach);
});

afterEach(async () => {
  expect(JSON.stringify(log.lines)).not.toContain(TEST_TOKEN);
  await adapter.stop(async () => {
    await app.close();
    await scheduler.stop();
    await store.close();
  });
  await fake.close();
  removeDir();
});

/** Every message body the bot sent for this interaction (edits of the original and follow-ups), in order. */
function sentFor(p: Json): Body[] {
  const base = `/webhooks/${APP_ID}/${String(p.token)}`;
  return fake.requests.filter((r) => r.path.startsWith(base) && r.method !== 'DELETE' && r.status < 300).map((r) => r.body as Body);
}

/** Dispatches an interaction and waits until the bot has answered it with at least one message. */
async function interact(p: Json): Promise<{ ack: RecordedRequest; messages: Body[] }> {
  fake.dispatch('INTERACTION_CREATE', p);
  const ack = await fake.waitForRequest('POST', new RegExp(`^/interactions/${String(p.id)}/`));
  await fake.waitFor(`an answer to ${String(p.id)}`, () => sentFor(p).length > 0);
  await app.coach.idle();
  await settle(50);
  return { ack, messages: sentFor(p) };
}

const buttons = (b: Body): Button[] => b.components.flatMap((row) => row.components);

/** Presses the button whose label matches on the message `on`, where the learner sees it. */
function press(on: Body, label: RegExp, where: 'dm' | 'guild' = 'dm') {
  const b = buttons(on).find((x) => label.test(x.label));
  if (!b) throw new Error(`no button ${label} among ${buttons(on).map((x) => x.label).join(', ')}`);
  return interact(buttonPress(b.custom_id, { content: on.content, components: on.components }, where));
}

/** The onboarding a new learner goes through, from a slash command in a server to a plan ('engineer' is unsure, so the coach offers the goal as a button to confirm). */
async function onboard(): Promise<Body> {
  const goal = await interact(slashCommand('goal', { text: 'engineer' }));
  let msg = goal.messages.at(-1)!;
  msg = (await press(msg, /DevOps Engineer/, 'guild')).messages.at(-1)!;
  expect(msg.content).toMatch(/Goal: DevOps Engineer/);
  msg = (await press(msg, /Skip the rest/, 'guild')).messages.at(-1)!;
  msg = (await press(msg, /^30 min$/, 'guild')).messages.at(-1)!;
  msg = (await press(msg, /^08:00$/, 'guild')).messages.at(-1)!;
  return (await press(msg, /^Yes, UTC$/, 'guild')).messages.at(-1)!;
}

describe('the coach on Discord, end to end', () => {
  it('a goal set by slash command and confirmed by buttons yields a plan, privately in the server', async () => {
    const goal = await interact(slashCommand('goal', { text: 'engineer' }));
    expect(goal.ack.body).toEqual({ type: 5, data: { flags: 64 } });
    const welcome = goal.messages[0]!;
    expect(welcome.content).toMatch(/I'm Pathwise/);
    expect(buttons(welcome).map((b) => b.label)).toContain('DevOps Engineer');

    const edits = fake.find('PATCH', /\/messages\/@original$/).length;
    const picked = await press(welcome, /DevOps Engineer/, 'guild');
    expect(picked.ack.body).toEqual({ type: 6 });
    // The answer is a new private message; the prompt whose button was pressed is left as it was.
    expect(fake.find('PATCH', /\/messages\/@original$/)).toHaveLength(edits);
    expect(picked.messages[0]!.flags).toBe(64);

    let msg = picked.messages.at(-1)!;
    for (const step of [/Skip the rest/, /^30 min$/, /^08:00$/]) msg = (await press(msg, step, 'guild')).messages.at(-1)!;
    expect(msg.content).toMatch(/time zone looks like UTC/);
    const done = await press(msg, /^Yes, UTC$/, 'guild');
    const plan = done.messages.at(-1)!;
    expect(plan.content).toMatch(/All set\. I'll check in every day at 08:00 \(UTC\)/);
    expect(plan.content).toMatch(/Docker Course/);

    const learner = await app.store.getLearner(LEARNER);
    expect(learner?.goals).toEqual(['devops-engineer']);
    expect(learner?.onboarding).toBe('done');
    expect(learner?.plan?.steps.map((s) => s.resourceId)).toEqual(expect.arrayContaining(['docker-course']));
    // Said in a server channel: every follow-up was private too.
    for (const r of fake.find('POST', /^\/webhooks\/\d+\/[^/]+$/)) expect((r.body as Body).flags).toBe(64);
  });

  it('a quiz answered by button updates mastery and turns the question into its result', async () => {
    await onboard();
    const before = (await app.store.getLearner(LEARNER))!;
    const quiz = await interact(slashCommand('quiz', {}, 'dm'));
    const question = quiz.messages.at(-1)!;
    const itemId = buttons(question)[0]!.custom_id.split('|')[2]!;
    const concept = itemId.replace(/-q\d$/, '');
    const p0 = before.mastery[concept]?.p ?? 0;

    // The options are in the message, lettered; the buttons carry the letters.
    const letter = new RegExp(`^([A-F])\\. ${rightAnswer(itemId)}$`, 'm').exec(question.content ?? '')![1]!;
    expect(buttons(question).map((b) => b.label)).toEqual(['A', 'B', 'C', 'D', "I don't know"]);
    const answered = await press(question, new RegExp(`^${letter}$`));
    expect(answered.ack.body).toEqual({ type: 6 });
    const edit = fake.find('PATCH', new RegExp(`^/webhooks/${APP_ID}/[^/]+/messages/@original$`)).at(-1)!;
    const result = edit.body as Body;
    expect(result.content).toMatch(/^✅ Right! Because of .* rule \d\./);
    expect(result.content).toMatch(/█+░*\s\d+%/);
    expect(buttons(result).map((b) => b.custom_id)).not.toContain(buttons(question)[0]!.custom_id);

    const after = (await app.store.getLearner(LEARNER))!;
    expect(after.mastery[concept]!.p).toBeGreaterThan(p0);
    expect(after.mastery[concept]!.attempts).toBe((before.mastery[concept]?.attempts ?? 0) + 1);
  });

  it('a second press of an answered question leaves the next question in place and answers in a new private message', async () => {
    await onboard();
    const quiz = await interact(slashCommand('quiz', {}, 'guild'));
    const question = quiz.messages.at(-1)!;
    const letter = new RegExp(`^([A-F])\\. ${rightAnswer(buttons(question)[0]!.custom_id.split('|')[2]!)}$`, 'm').exec(question.content ?? '')![1]!;
    await press(question, new RegExp(`^${letter}$`), 'guild');
    const edits = fake.find('PATCH', /\/messages\/@original$/);
    expect((edits.at(-1)!.body as Body).content).toMatch(/✅ Right!/);
    const attempts = (await app.store.listAttempts(LEARNER)).length;

    // The learner presses the same button again (a laggy client, an old copy of the message).
    const again = await press(question, new RegExp(`^${letter}$`), 'guild');
    expect(again.ack.body).toEqual({ type: 6 });
    expect(fake.find('PATCH', /\/messages\/@original$/)).toHaveLength(edits.length);
    expect(again.messages).toHaveLength(1);
    expect(again.messages[0]!.content).toMatch(/already answered/);
    expect(again.messages[0]!.flags).toBe(64);
    expect(await app.store.listAttempts(LEARNER)).toHaveLength(attempts);
  });

  it('/plan view:picture answers with the path drawn, uploaded as a PNG attachment', async () => {
    await onboard();
    const asked = slashCommand('plan', { view: 'picture' }, 'dm');
    await interact(asked);
    const edit = fake.find('PATCH', new RegExp(`^/webhooks/${APP_ID}/${String(asked.token)}/messages/@original$`)).at(-1)!;
    expect(String(edit.body)).toMatch(/Your path to DevOps Engineer, as a picture/);
    const [file] = multipartFiles(edit);
    expect(file!.filename).toMatch(/^pathwise-path-devops-engineer-\d{4}-\d{2}-\d{2}\.png$/);
    const png = decodePng(file!.bytes);
    expect(png.width).toBeGreaterThanOrEqual(560);
    expect(png.height).toBeGreaterThan(150);
    expect(isColour(png.pixel(1, 1), '#ffffff')).toBe(true);
  });

  it('a scheduled daily task is delivered as a DM at the learner\u2019s hour', async () => {
    await onboard();
    const [daily] = await app.scheduler.list(`learner:${LEARNER}:daily`);
    expect(daily?.next?.toISOString()).toBe('2026-03-02T08:00:00.000Z');
    await app.startJobs();
    clock.set(daily!.next!);
    await scheduler.runDue();

    const [open] = fake.find('POST', /^\/users\/@me\/channels$/);
    expect(open!.body).toEqual({ recipient_id: LEARNER_ID });
    const [sent] = fake.find('POST', /^\/channels\/\d+\/messages$/);
    expect((sent!.body as Body).content).toMatch(/Good day! Here is your task for today/);
    expect(buttons(sent!.body as Body).length).toBeGreaterThan(0);
    const delivery = await app.store.getDelivery(`daily:${LEARNER}:2026-03-02`);
    expect(delivery?.state).toBe('sent');

    // A re-run of the same day's job sends nothing twice.
    await scheduler.runDue();
    expect(fake.find('POST', /^\/channels\/\d+\/messages$/)).toHaveLength(1);
  });

  it('free text in a DM reaches the coach and the answer comes back in the DM', async () => {
    fake.dispatch('MESSAGE_CREATE', dmMessage('I want to learn docker'));
    const sent = await fake.waitForRequest('POST', new RegExp(`^/channels/${DM_CHANNEL_ID}/messages$`));
    expect((sent.body as Body).content).toMatch(/I'm Pathwise/);
    await app.coach.idle();
    expect((await app.store.getLearner(LEARNER))?.goals.length).toBeGreaterThan(0);
  });

  it('an unknown command or a malformed payload gets a polite answer and changes nothing', async () => {
    await onboard();
    const before = JSON.stringify(await app.store.getLearner(LEARNER));
    const schedules = JSON.stringify(await app.scheduler.list());
    const stranger = `discord:${APP_ID}:1300000000000000999`;

    const payloads = [
      slashCommand('frobnicate'),
      slashCommand('settings', { hour: 'seven' }),
      slashCommand('quiz', { concept: 'docker', extra: true }),
      buttonPress('not-one-of-ours'),
      { ...slashCommand('progress'), member: { ...(slashCommand('progress').member as Json), user: { id: '1300000000000000999', username: 'eve', discriminator: '0', global_name: null, avatar: null } }, data: { id: '1', name: 'nope', type: 1 } },
    ];
    for (const p of payloads) {
      fake.dispatch('INTERACTION_CREATE', p);
      const ack = await fake.waitForRequest('POST', new RegExp(`^/interactions/${String(p.id)}/`));
      expect(ack.body).toMatchObject({ type: 4, data: { flags: 64, content: expect.any(String) } });
      expect((ack.body as { data: Body }).data.content).not.toMatch(/Sorry, something went wrong/);
    }
    await settle();
    expect(JSON.stringify(await app.store.getLearner(LEARNER))).toBe(before);
    expect(JSON.stringify(await app.scheduler.list())).toBe(schedules);
    expect(await app.store.getLearner(stranger)).toBeNull();
  });

  it('autocompletes goal names from the knowledge graph', async () => {
    const p = autocomplete('goal', 'text', 'dev');
    fake.dispatch('INTERACTION_CREATE', p);
    const ack = await fake.waitForRequest('POST', new RegExp(`^/interactions/${String(p.id)}/`));
    expect(ack.body).toEqual({ type: 8, data: { choices: [{ name: 'DevOps Engineer', value: 'DevOps Engineer' }] } });
  });

  it('/settings with nothing typed opens a form, and the form changes the daily hour', async () => {
    await onboard();
    const open = slashCommand('settings');
    fake.dispatch('INTERACTION_CREATE', open);
    const modal = await fake.waitForRequest('POST', new RegExp(`^/interactions/${String(open.id)}/`));
    expect(modal.body).toMatchObject({ type: 9, data: { custom_id: 'modal:settings' } });
    // The form shows what is saved, so a learner changing the hour sees the zone and minutes it keeps.
    const saved = (await app.store.getLearner(LEARNER))!.settings;
    const fields = Object.fromEntries(
      (modal.body as { data: { components: { component: { custom_id: string; value?: string } }[] } }).data.components.map((c) => [c.component.custom_id, c.component.value]),
    );
    expect(fields).toMatchObject({ hour: String(saved.dailyHour), timezone: saved.timezone, minutes: String(saved.minutesPerDay) });
    const submitted = await interact(modalSubmit('modal:settings', { ...fields, hour: '18', prefer: '', avoid: '' }));
    expect(submitted.messages[0]!.content).toMatch(/Saved: daily hour 18:00/);
    const after = (await app.store.getLearner(LEARNER))!.settings;
    expect(after.dailyHour).toBe(18);
    expect(after.timezone).toBe(saved.timezone);
  });

  it('when the gateway drops the connection, the bot reconnects and answers the next interaction', async () => {
    await onboard();
    fake.dropConnection('terminate');
    expect(await fake.waitForSession(2)).toBe('resume');
    const progress = await interact(slashCommand('progress', {}, 'dm'));
    expect(progress.messages[0]!.content).toMatch(/Docker|DevOps/);
  });
});
