/**
 * The Discord adapter through the real discord.js client, against the
 * loopback fake of Discord's REST API and gateway. A scripted coach stands in
 * for the real one, so these tests pin the adapter's own behaviour: what
 * discord.js is made to send back, when, and what reaches the coach.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AutocompleteSource } from '../../src/adapters/discord/autocomplete.ts';
import { suggest } from '../../src/adapters/discord/autocomplete.ts';
import { APP_ID, autocomplete, BOT_USER, buttonPress, dmMessage, DM_CHANNEL_ID, GUILD_CHANNEL_ID, LEARNER_ID, modalSubmit, slashCommand } from './support/fixtures.ts';
import type { RecordedRequest } from './support/fake-discord.ts';
import { startHarness, TEST_TOKEN, webhookPath, type Harness } from './support/harness.ts';
import { ScriptCoach, TEST_COMMANDS } from './support/script-coach.ts';

type Json = Record<string, unknown>;
interface Body {
  content?: string;
  components?: { components: { custom_id: string; label: string }[] }[];
  flags?: number;
  allowed_mentions?: unknown;
}

const EPHEMERAL = 64;
const settle = (ms = 150) => new Promise((r) => setTimeout(r, ms));

let h: Harness | null = null;
afterEach(async () => {
  if (h) {
    // Whatever a test did, no secret reached a log line.
    const lines = JSON.stringify(h.log.lines);
    expect(lines).not.toContain(TEST_TOKEN);
    expect(lines).not.toMatch(/itoken-\d+/);
    await h.close();
  }
  h = null;
});

async function start(coach: ScriptCoach, options: { autocomplete?: AutocompleteSource; heartbeatIntervalMs?: number } = {}): Promise<Harness> {
  h = await startHarness(coach, { commands: TEST_COMMANDS, ...options });
  return h;
}

const callbacks = (h: Harness, p: Json) => h.fake.find('POST', new RegExp(`^/interactions/${String(p.id)}/`));
const webhookCalls = (h: Harness, p: Json, method: string) => h.fake.requests.filter((r) => r.method === method && r.path.startsWith(webhookPath(p)) && r.status < 300);
const body = (r: RecordedRequest) => r.body as Body;
const customIds = (b: Body) => (b.components ?? []).flatMap((row) => row.components.map((c) => c.custom_id));

describe('connecting', () => {
  it('fetches the gateway URL from GET /gateway/bot and identifies with only the intents it needs, none privileged', async () => {
    const coach = new ScriptCoach();
    const { fake } = await start(coach, { heartbeatIntervalMs: 150 });
    const gatewayBot = fake.find('GET', /^\/gateway\/bot$/);
    expect(gatewayBot).toHaveLength(1);
    expect(gatewayBot[0]!.headers.authorization).toBe(`Bot ${TEST_TOKEN}`);
    expect(Object.fromEntries(fake.connectionQueries[0]!)).toEqual({ v: '10', encoding: 'json' });

    const identify = fake.received.find((r) => r.frame.op === 2)!.frame.d as { intents: number; token: string; compress: boolean };
    const GUILDS = 1 << 0;
    const DIRECT_MESSAGES = 1 << 12;
    expect(identify.intents).toBe(GUILDS | DIRECT_MESSAGES);
    for (const privileged of [1 << 1 /* GuildMembers */, 1 << 8 /* GuildPresences */, 1 << 15 /* MessageContent */]) {
      expect(identify.intents & privileged).toBe(0);
    }
    expect(identify.token).toBe(TEST_TOKEN);

    // Heartbeats (op 1) are acknowledged (op 11), so the connection is never taken for a zombie.
    await fake.waitFor('three heartbeats', () => fake.received.filter((r) => r.frame.op === 1).length >= 3);
    expect(fake.connections).toBe(1);
  });
});

describe('slash commands', () => {
  it('are acknowledged (ephemeral in a server) before the coach does any work, then the reply is edited in', async () => {
    const coach = new ScriptCoach();
    let release!: () => void;
    coach.gate = new Promise((r) => (release = r));
    const { fake } = await start(coach);
    const ackedBeforeCoach: number[] = [];
    const p = slashCommand('goal', { text: 'I want to learn docker' });
    coach.onEvent = () => ackedBeforeCoach.push(callbacks(h!, p).length);

    const ack = await h!.interact(p);
    expect(ack.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    await fake.waitFor('the coach to be asked', () => coach.received.length === 1);
    expect(ackedBeforeCoach).toEqual([1]);
    expect(webhookCalls(h!, p, 'PATCH')).toEqual([]);

    release();
    const edit = await fake.waitForRequest('PATCH', new RegExp(`^${webhookPath(p)}/messages/@original$`));
    expect(body(edit).content).toBe('Do you mean **docker**?');
    expect(customIds(body(edit))).toEqual(['0|goal.pick|docker', '1|goal.none|']);
    expect(body(edit).allowed_mentions).toEqual({ parse: [] });

    expect(coach.received[0]).toEqual({
      kind: 'command',
      name: 'goal',
      text: 'text=I want to learn docker',
      options: { text: 'I want to learn docker' },
      from: { platform: 'discord', workspace: APP_ID, channel: GUILD_CHANNEL_ID, user: LEARNER_ID },
      eventId: p.id,
      inChannel: true,
    });
    await settle();
    expect(callbacks(h!, p)).toHaveLength(1);
  });

  it('from a member with Manage Server carry the admin role flag (a cohort lead); others carry none', async () => {
    const coach = new ScriptCoach();
    await start(coach);
    const lead = slashCommand('goal', { text: 'docker' });
    const member = (lead as { member: { permissions: string } }).member;
    member.permissions = (BigInt(member.permissions) | 32n).toString(); // 0x20 = MANAGE_GUILD
    await h!.interact(lead);
    await h!.interact(slashCommand('goal', { text: 'docker' }));
    await h!.fake.waitFor('both events', () => coach.received.length === 2);
    expect(coach.received[0]).toMatchObject({ name: 'goal', roles: { admin: true } });
    expect(coach.received[1]).not.toHaveProperty('roles');
  });

  it('in the bot DM are not ephemeral, and a command without options carries none', async () => {
    const coach = new ScriptCoach();
    await start(coach);
    const p = slashCommand('quiz', {}, 'dm');
    const ack = await h!.interact(p);
    expect(ack.body).toEqual({ type: 5, data: { flags: 0 } });
    await h!.fake.waitForRequest('PATCH', new RegExp(`^${webhookPath(p)}/messages/@original$`));
    expect(coach.received[0]).toMatchObject({ kind: 'command', name: 'quiz', text: '', inChannel: false, from: { channel: DM_CHANNEL_ID } });
    expect(coach.received[0]).not.toHaveProperty('options');
  });

  it('that the bot does not know get a polite private answer and never reach the coach', async () => {
    const coach = new ScriptCoach();
    await start(coach);
    const p = slashCommand('frobnicate', { x: 1 });
    const ack = await h!.interact(p);
    const data = (ack.body as { type: number; data: Body }).data;
    expect((ack.body as { type: number }).type).toBe(4);
    expect(data.flags).toBe(EPHEMERAL);
    expect(data.content).toMatch(/I don't know that command.*\/goal, \/quiz, \/progress, \/settings/);
    await settle();
    expect(coach.received).toEqual([]);
    expect(callbacks(h!, p)).toHaveLength(1);
  });

  it('with options that do not match their definition get a polite answer and change nothing', async () => {
    const coach = new ScriptCoach();
    const { fake } = await start(coach);
    const wrongType = slashCommand('settings', { hour: 'soon' });
    const undeclared = slashCommand('quiz', { nonsense: 'x' });
    const fractional = slashCommand('settings', { hour: 7.5 });
    for (const p of [wrongType, undeclared, fractional]) {
      const ack = await h!.interact(p);
      expect(ack.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL, content: expect.stringMatching(/couldn't read the options/) } });
    }
    await settle();
    expect(coach.received).toEqual([]);
    expect(fake.requests.filter((r) => r.path.startsWith('/webhooks/'))).toEqual([]);
  });

  it('autocomplete goal names while typing, without asking the coach', async () => {
    const coach = new ScriptCoach();
    const names = ['Data Analyst', 'DevOps Engineer', 'Docker'].map((n) => ({ name: n, value: n, also: [] }));
    const source: AutocompleteSource = { options: { goal: ['text'] }, suggest: (c, o, typed) => (c === 'goal' && o === 'text' ? suggest(names, typed) : []) };
    await start(coach, { autocomplete: source });
    const ack = await h!.interact(autocomplete('goal', 'text', 'dock'));
    expect(ack.body).toEqual({ type: 8, data: { choices: [{ name: 'Docker', value: 'Docker' }] } });
    expect(coach.received).toEqual([]);
  });
});

describe('buttons', () => {
  it('confirming a goal: acknowledged as an update, the answers follow as new messages, the prompt is left as it was', async () => {
    const coach = new ScriptCoach();
    const { fake } = await start(coach);
    const p = buttonPress('0|goal.pick|docker', { content: 'Do you mean **docker**?' });
    const ack = await h!.interact(p);
    expect(ack.body).toEqual({ type: 6 });
    await fake.waitFor('two follow-ups', () => webhookCalls(h!, p, 'POST').length === 2);
    const [goal, note] = webhookCalls(h!, p, 'POST');
    expect(body(goal!).content).toBe('🎯 Goal set: docker. Your plan: 1. Docker Course (60 min)');
    expect(body(note!).content).toBe('Public note\n\n──────────');
    expect(body(note!).flags ?? 0).toBe(0);
    expect(webhookCalls(h!, p, 'PATCH')).toEqual([]);
    expect(coach.received[0]).toEqual({
      kind: 'action',
      action: 'goal.pick',
      value: 'docker',
      from: { platform: 'discord', workspace: APP_ID, channel: DM_CHANNEL_ID, user: LEARNER_ID },
      eventId: p.id,
      inChannel: false,
    });
    expect(coach.goals.get(LEARNER_ID)).toBe('docker');
  });

  it('a command button, or a reply that says so, leaves the message it was pressed on and answers in a new one', async () => {
    const coach = new ScriptCoach();
    const { fake } = await start(coach);
    for (const id of ['0|cmd|progress', '1|keep|']) {
      const p = buttonPress(id, { content: 'Quiz done: 3/3 right.' });
      await h!.interact(p);
      await fake.waitForRequest('POST', new RegExp(`^${webhookPath(p)}$`));
      await settle(50);
      expect(webhookCalls(h!, p, 'PATCH')).toEqual([]);
    }
    expect(fake.find('POST', /^\/webhooks\//).map((r) => body(r).content)).toEqual(['/progress', 'Kept the message you pressed on.']);
  });

  it('answering a quiz replaces the question with the result and clears its buttons', async () => {
    const coach = new ScriptCoach();
    const { fake } = await start(coach);
    const quiz = slashCommand('quiz', {}, 'dm');
    await h!.interact(quiz);
    const question = body(await fake.waitForRequest('PATCH', new RegExp(`^${webhookPath(quiz)}/messages/@original$`)));
    expect(question.content).toBe('❓ What does `docker run` do?');
    const [right] = customIds(question);

    const press = buttonPress(right!, { content: question.content!, components: question.components! });
    expect((await h!.interact(press)).body).toEqual({ type: 6 });
    const result = body(await fake.waitForRequest('PATCH', new RegExp(`^${webhookPath(press)}/messages/@original$`)));
    expect(result.content).toBe('✅ Right! It starts a container.\n\nDocker █████░░░░░ 50%');
    expect(result.components).toEqual([]);
    expect(coach.mastery.get(LEARNER_ID)).toBeCloseTo(0.5);
    expect(webhookCalls(h!, press, 'POST')).toEqual([]);
  });

  it('that are not ours (or expired) get a polite private answer and never reach the coach', async () => {
    const coach = new ScriptCoach();
    await start(coach);
    for (const id of ['garbage', '0#AAAAAAAAAAAAAAAAAAAAAA', 'modal:settings']) {
      const ack = await h!.interact(buttonPress(id));
      expect(ack.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL, content: expect.stringMatching(/no longer active/) } });
    }
    await settle();
    expect(coach.received).toEqual([]);
  });
});

describe('modals', () => {
  it('/settings with nothing typed opens a form; the submitted form becomes the command, privately in a server', async () => {
    const coach = new ScriptCoach();
    const { fake } = await start(coach);
    const ack = await h!.interact(slashCommand('settings'));
    const modal = ack.body as { type: number; data: { custom_id: string; title: string; components: { type: number; component: { custom_id: string } }[] } };
    expect(modal.type).toBe(9);
    expect(modal.data.custom_id).toBe('modal:settings');
    expect(modal.data.components.map((c) => [c.type, c.component.custom_id])).toEqual([
      [18, 'hour'],
      [18, 'timezone'],
      [18, 'paused'],
    ]);
    expect(coach.received).toEqual([]);

    const submit = modalSubmit('modal:settings', { hour: '7', timezone: ' Europe/Berlin ', paused: '' });
    expect((await h!.interact(submit)).body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    const edit = await fake.waitForRequest('PATCH', new RegExp(`^${webhookPath(submit)}/messages/@original$`));
    expect(body(edit).content).toBe('Saved: hour=7 timezone=Europe/Berlin.');
    expect(coach.received[0]).toMatchObject({ kind: 'command', name: 'settings', options: { hour: '7', timezone: 'Europe/Berlin' }, inChannel: true });
  });

  it('a form that is not ours is refused politely', async () => {
    const coach = new ScriptCoach();
    await start(coach);
    const ack = await h!.interact(modalSubmit('modal:unknown', { a: 'b' }));
    expect(ack.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    expect(coach.received).toEqual([]);
  });
});

describe('direct messages', () => {
  it('are answered in the DM although discord.js has never seen the channel; bots, itself included, are ignored', async () => {
    const coach = new ScriptCoach();
    const { fake } = await start(coach);
    h!.dm({ ...dmMessage('I am the bot talking'), author: BOT_USER });
    h!.dm({ ...dmMessage('beep'), author: { ...BOT_USER, id: '1300000000000000777', username: 'other-bot' } });
    const m = dmMessage('I want to learn docker');
    h!.dm(m);
    const sent = await fake.waitForRequest('POST', new RegExp(`^/channels/${DM_CHANNEL_ID}/messages$`));
    expect(body(sent).content).toBe('Do you mean **docker**?');
    expect(customIds(body(sent))).toEqual(['0|goal.pick|docker', '1|goal.none|']);
    expect(body(sent).allowed_mentions).toEqual({ parse: [] });
    expect(coach.received).toEqual([
      { kind: 'text', text: 'I want to learn docker', from: { platform: 'discord', workspace: APP_ID, channel: DM_CHANNEL_ID, user: LEARNER_ID }, eventId: m.id, inChannel: false },
    ]);
  });
});

describe('attachments', () => {
  it('a reply with a file uploads it with the message, as multipart', async () => {
    const coach = new ScriptCoach();
    const { fake } = await start(coach);
    h!.dm(dmMessage('export'));
    const sent = await fake.waitForRequest('POST', new RegExp(`^/channels/${DM_CHANNEL_ID}/messages$`));
    expect(String(sent.headers['content-type'])).toMatch(/^multipart\/form-data/);
    expect(String(sent.body)).toMatch(/filename="pathwise-export.json"/);
    expect(String(sent.body)).toContain('{"learnerId":"x"}');
  });
});

describe('staying up', () => {
  it('a coach failure becomes an apology in the deferred reply, and the next interaction is served', async () => {
    const coach = new ScriptCoach();
    const { fake, log } = await start(coach);
    coach.failNext = new Error('store exploded');
    const first = slashCommand('progress');
    await h!.interact(first);
    const sorry = await fake.waitForRequest('PATCH', new RegExp(`^${webhookPath(first)}/messages/@original$`));
    expect(body(sorry).content).toMatch(/^Sorry, something went wrong on my side/);
    expect(log.events()).toContain('discord.interaction_failed');

    const second = slashCommand('progress');
    await h!.interact(second);
    const ok = await fake.waitForRequest('PATCH', new RegExp(`^${webhookPath(second)}/messages/@original$`));
    expect(body(ok).content).toBe('Your progress\n\nDocker ██░░░░░░░░ 20%');
  });

  it('an interaction delivered twice (a replay after resuming) is answered once', async () => {
    const coach = new ScriptCoach();
    const { fake } = await start(coach);
    const p = slashCommand('progress');
    fake.dispatch('INTERACTION_CREATE', p);
    fake.dispatch('INTERACTION_CREATE', p);
    await fake.waitForRequest('PATCH', new RegExp(`^${webhookPath(p)}/messages/@original$`));
    await settle();
    expect(callbacks(h!, p)).toHaveLength(1);
    expect(coach.received).toHaveLength(1);
  });

  it('a 429 is waited out for retry_after and the message still arrives, once', async () => {
    const coach = new ScriptCoach();
    const { fake, log } = await start(coach);
    fake.rateLimitOnce('POST', /^\/webhooks\/\d+\/[^/]+$/, 0.3);
    const p = buttonPress('0|goal.pick|docker');
    await h!.interact(p);
    await fake.waitFor('both follow-ups', () => webhookCalls(h!, p, 'POST').length === 2);
    const attempts = fake.requests.filter((r) => r.method === 'POST' && r.path === webhookPath(p));
    expect(attempts.map((r) => r.status)).toEqual([429, 200, 200]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(250);
    expect(body(attempts[1]!)).toEqual(body(attempts[0]!));
    expect(log.events()).toContain('discord.rate_limited');
  });

  it('a failed API call is logged and does not crash the bot', async () => {
    const coach = new ScriptCoach();
    const { fake, log } = await start(coach);
    fake.answerOnce('POST', /\/callback$/, 404, { message: 'Unknown interaction', code: 10062 });
    const expired = slashCommand('progress');
    fake.dispatch('INTERACTION_CREATE', expired);
    await fake.waitFor('the failure to be logged', () => log.lines.find((l) => l.event === 'discord.interaction_failed'));
    expect(coach.received).toEqual([]);

    const next = slashCommand('progress');
    await h!.interact(next);
    await fake.waitForRequest('PATCH', new RegExp(`^${webhookPath(next)}/messages/@original$`));
  });

  it('stopping lets the work in progress finish, answers newcomers politely, and disconnects last', async () => {
    const coach = new ScriptCoach();
    let release!: () => void;
    coach.gate = new Promise((r) => (release = r));
    const { fake, adapter } = await start(coach);
    const busy = slashCommand('progress');
    await h!.interact(busy);
    await fake.waitFor('the coach to be busy', () => coach.received.length === 1);

    const connectedBeforeDisconnect: boolean[] = [];
    const stopped = adapter.stop(async () => void connectedBeforeDisconnect.push(fake.connected));
    const late = slashCommand('progress');
    const ack = await h!.interact(late);
    expect(ack.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL, content: expect.stringMatching(/restarting/) } });

    release();
    await fake.waitForRequest('PATCH', new RegExp(`^${webhookPath(busy)}/messages/@original$`));
    await stopped;
    expect(connectedBeforeDisconnect).toEqual([true]);
    await fake.waitFor('the gateway connection to close', () => !fake.connected);
    expect(coach.received).toHaveLength(1);
  });

  it('after the gateway connection drops, the bot resumes its session and answers the next interaction', async () => {
    const coach = new ScriptCoach();
    const { fake, log } = await start(coach);
    fake.dropConnection('terminate');
    expect(await fake.waitForSession(2)).toBe('resume');
    const resume = fake.received.find((r) => r.connection === 2 && r.frame.op === 6)!.frame.d as { session_id: string; seq: number; token: string };
    expect(resume.session_id).toBe(fake.sessionId);
    expect(resume.seq).toBe(2); // READY and GUILD_CREATE were seen
    await fake.waitFor('the resume to be logged', () => log.events().includes('discord.resumed'));

    const p = slashCommand('progress');
    await h!.interact(p);
    await fake.waitForRequest('PATCH', new RegExp(`^${webhookPath(p)}/messages/@original$`));
  });

  it('when Discord closes the connection for good, the bot identifies again and keeps serving', async () => {
    const coach = new ScriptCoach();
    const { fake } = await start(coach);
    fake.dropConnection(1000);
    // discord.js waits out its identify throttle (5 s per identify) before the new IDENTIFY.
    expect(await fake.waitForSession(2, 12_000)).toBe('identify');
    const p = dmMessage('still there?');
    h!.dm(p);
    const sent = await fake.waitForRequest('POST', new RegExp(`^/channels/${DM_CHANNEL_ID}/messages$`));
    expect(body(sent).content).toBe('You said: still there?');
  });
});
