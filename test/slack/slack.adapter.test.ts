/**
 * The Slack adapter through the real Bolt app in HTTP mode on loopback,
 * driven with signed requests shaped as Slack sends them, answering to a fake
 * Slack Web API. The coach here is a scripted stand-in (support/script-coach);
 * slack.e2e.test.ts runs the real one.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { types } from '@slack/bolt';
import { ScriptCoach, TEST_COMMANDS } from './support/script-coach.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { BOT_TOKEN, BOT_USER_ID } from './support/fake-slack.ts';
import { fixture, SIGNING_SECRET } from './support/slack-requests.ts';
import { UserError } from '../../src/core/errors.ts';

type Json = Record<string, unknown>;

let h: Harness;
let coach: ScriptCoach;

beforeEach(async () => {
  coach = new ScriptCoach();
  h = await startHarness(coach);
});
afterEach(async () => {
  await h.close();
});

function command(text: string, over: Record<string, string> = {}): Record<string, string> {
  const c = fixture<Record<string, string>>('slash-command');
  return { ...c, text, response_url: h.slack.hookUrl(c.response_url!), ...over };
}

function imEvent(text: string, eventId: string): Json {
  const e = fixture('event-message-im');
  return { ...e, event_id: eventId, event: { ...(e.event as Json), text } };
}

/** A press on a button of a message the bot posted, as Slack sends it. */
function pressOn(posted: Json, buttonLabel: string): Json {
  const blocks = posted.blocks as types.KnownBlock[];
  const button = blocks
    .flatMap((b) => (b.type === 'actions' ? b.elements : []))
    .find((e): e is types.Button => e.type === 'button' && e.text.text === buttonLabel);
  if (!button) throw new Error(`no button "${buttonLabel}" in ${JSON.stringify(blocks)}`);
  const p = fixture('block-actions');
  const ts = String(posted.ts);
  return {
    ...p,
    response_url: h.slack.hookUrl(String(p.response_url)),
    container: { ...(p.container as Json), message_ts: ts, channel_id: posted.channel },
    message: { ...(p.message as Json), ts, blocks, text: posted.text },
    actions: [{ action_id: button.action_id, block_id: 'Qm3Yw', text: button.text, value: button.value, type: 'button', action_ts: '1700000001.000200' }],
  };
}

/** The message a recorded `chat.postMessage` produced, with the ts the fake gave it. */
function postedMessage(i = 0): Json {
  const call = h.slack.callsOf('chat.postMessage')[i];
  if (!call) throw new Error(`no chat.postMessage #${i}`);
  const n = h.slack.callsOf('chat.postMessage').indexOf(call);
  return { ...call.args, ts: `1700000000.${String(n + 1).padStart(6, '0')}` };
}

function allText(args: Json): string {
  return JSON.stringify(args.blocks ?? []) + String(args.text ?? '');
}

describe('request verification (Slack signing secret)', () => {
  it('answers url_verification with the challenge', async () => {
    const body = fixture('url-verification');
    const res = await h.send.event(body);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ challenge: body.challenge });
  });

  it('rejects a bad signature with 401 and changes nothing', async () => {
    const res = await h.send.command(command('goal learn docker'), { secret: 'not-the-secret' });
    expect(res.status).toBe(401);
    const forged = await h.send.event(imEvent('I want to learn docker', 'Ev0FORGED01'), { signature: 'v0=' + '0'.repeat(64) });
    expect(forged.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(coach.received).toEqual([]);
    expect(h.slack.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
  });

  it('rejects a correctly signed request older than five minutes with 401', async () => {
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await h.send.event(imEvent('I want to learn docker', 'Ev0STALE001'), { timestamp: sixMinutesAgo });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(coach.received).toEqual([]);
    expect(h.slack.messagesSent()).toEqual([]);
  });
});

describe('slash command → goal → button → plan', () => {
  it('acknowledges first, then the coach works, and the button confirms the goal in place', async () => {
    coach.delayMs = 1_500;
    const res = await h.send.command(command('goal learn docker'));
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(1_000);
    expect(h.slack.messagesSent()).toEqual([]);

    await h.slack.waitFor(() => h.slack.callsOf('chat.postMessage').length === 1);
    expect(coach.received[0]).toMatchObject({
      kind: 'command',
      name: 'goal',
      text: 'learn docker',
      inChannel: false,
      from: { platform: 'slack', workspace: 'T0PATHWISE', channel: 'D0LEARNER1', user: 'U0LEARNER1' },
    });
    const offer = postedMessage(0);
    expect(offer.channel).toBe('D0LEARNER1');
    expect(allText(offer)).toContain('Do you mean *docker*?');

    coach.delayMs = 0;
    const press = await h.send.interaction(pressOn(offer, 'Yes'));
    expect(press.status).toBe(200);
    await h.slack.waitFor(() => h.slack.callsOf('chat.update').length === 1 && h.slack.callsOf('chat.postMessage').length === 2);
    expect(coach.received[1]).toMatchObject({ kind: 'action', action: 'goal.confirm', value: 'docker', inChannel: false });
    const update = h.slack.callsOf('chat.update')[0]!;
    expect(update.args).toMatchObject({ channel: 'D0LEARNER1', ts: offer.ts });
    expect(allText(update.args)).toContain('Goal set: *docker*');
    expect(allText(postedMessage(1))).toContain('Your plan');

    // The Home tab follows the change.
    await h.slack.waitFor(() => h.slack.callsOf('views.publish').some((c) => allText(c.args.view as Json).includes('Goal: *docker*')));
    expect(h.slack.callsOf('views.publish').at(-1)!.args.user_id).toBe('U0LEARNER1');
  });

  it('answers a double click on a button once', async () => {
    await h.send.command(command('goal learn docker'));
    await h.slack.waitFor(() => h.slack.callsOf('chat.postMessage').length === 1);
    coach.delayMs = 300;
    const press = pressOn(postedMessage(0), 'Yes');
    const [a, b] = await Promise.all([h.send.interaction(press), h.send.interaction(press)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await h.slack.waitFor(() => h.slack.callsOf('chat.update').length === 1);
    await h.slack.settle(400);
    expect(coach.received.filter((i) => i.kind === 'action')).toHaveLength(1);
    expect(h.slack.callsOf('chat.update')).toHaveLength(1);
  });

  it('treats an unknown first word as free text', async () => {
    await h.send.command(command('I want to learn kubernetes'));
    await h.slack.waitFor(() => coach.received.length === 1);
    expect(coach.received[0]).toMatchObject({ kind: 'text', text: 'I want to learn kubernetes' });
  });

  it('lists the subcommands for /pathwise alone, ephemerally', async () => {
    await h.send.command(command(''));
    await h.slack.waitFor(() => h.slack.callsOf('response_url').length === 1);
    const hook = h.slack.callsOf('response_url')[0]!;
    expect(hook.args.response_type).toBe('ephemeral');
    for (const c of TEST_COMMANDS) expect(allText(hook.args)).toContain(`/pathwise ${c.name}`);
    expect(coach.received).toEqual([]);
  });
});

describe('direct messages (message.im)', () => {
  it('turns a DM into a TextEvent and answers in the DM', async () => {
    const res = await h.send.event(imEvent('I want to learn docker', 'Ev0DM000001'));
    expect(res.status).toBe(200);
    await h.slack.waitFor(() => h.slack.callsOf('chat.postMessage').length === 1);
    expect(coach.received[0]).toEqual({
      kind: 'text',
      text: 'I want to learn docker',
      eventId: 'Ev0DM000001',
      inChannel: false,
      from: { platform: 'slack', workspace: 'T0PATHWISE', channel: 'D0LEARNER1', user: 'U0LEARNER1' },
    });
    expect(postedMessage(0).channel).toBe('D0LEARNER1');
  });

  it('keeps the learner’s order after a 429: the retried reply arrives before the replies to later messages', async () => {
    h.slack.rateLimitNext('chat.postMessage', 1);
    expect((await h.send.event(imEvent('first', 'Ev0ORDER001'))).status).toBe(200);
    await h.slack.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage' && c.status === 429));
    expect((await h.send.event(imEvent('second', 'Ev0ORDER002'))).status).toBe(200);
    expect((await h.send.event(imEvent('third', 'Ev0ORDER003'))).status).toBe(200);
    await h.slack.waitFor(() => h.slack.callsOf('chat.postMessage').length === 3, 5_000);
    expect(h.slack.callsOf('chat.postMessage').map((c) => allText(c.args))).toEqual([
      expect.stringContaining('You said: first'),
      expect.stringContaining('You said: second'),
      expect.stringContaining('You said: third'),
    ]);
  });

  it('looks up the profile time zone (users.info → tz) before the coach runs, for onboarding', async () => {
    h.slack.timezones.set('U0LEARNER1', 'America/Chicago');
    const ref = { platform: 'slack', workspace: 'T0PATHWISE', channel: 'D0LEARNER1', user: 'U0LEARNER1' } as const;
    expect(h.adapter.profileTimezone(ref)).toBeNull();
    await h.send.event(imEvent('hello', 'Ev0TZ000001'));
    await h.slack.waitFor(() => h.slack.callsOf('chat.postMessage').length === 1);
    const methods = h.slack.calls.map((c) => c.method);
    expect(methods.indexOf('users.info')).toBeLessThan(methods.indexOf('chat.postMessage'));
    expect(h.adapter.profileTimezone(ref)).toBe('America/Chicago');
  });

  it('ignores its own posts, other bots and edits', async () => {
    const own = imEvent('Do you mean docker?', 'Ev0OWN00001');
    (own.event as Json).user = BOT_USER_ID;
    const bot = imEvent('beep', 'Ev0BOT00001');
    (bot.event as Json).bot_id = 'B0OTHERBOT';
    const edit = imEvent('edited', 'Ev0EDIT0001');
    (edit.event as Json).subtype = 'message_changed';
    for (const e of [own, bot, edit]) expect((await h.send.event(e)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(coach.received).toEqual([]);
  });

  it('answers a re-sent event (X-Slack-Retry-Num) exactly once, even while the first attempt is still working', async () => {
    coach.delayMs = 800;
    const body = imEvent('I want to learn docker', 'Ev0RETRY001');
    const first = await h.send.event(body);
    expect(first.status).toBe(200);
    await h.slack.waitFor(() => coach.received.length === 1);
    const retry = await h.send.event(body, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    await h.slack.waitFor(() => h.slack.callsOf('chat.postMessage').length === 1);
    const again = await h.send.event(body, { headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' } });
    expect(again.status).toBe(200);
    await new Promise((r) => setTimeout(r, 1_200));
    expect(coach.received).toHaveLength(1);
    expect(h.slack.callsOf('chat.postMessage')).toHaveLength(1);
    expect(h.logs.some((l) => l.includes('dropping a re-sent event Ev0RETRY001 (retry 1: http_timeout)'))).toBe(true);
  });
});

describe('quiz in a channel: private, answered by button on an ephemeral message', () => {
  it('keeps replies ephemeral and replaces the ephemeral question through response_url', async () => {
    await h.send.command(command('quiz', { channel_id: 'C0GENERAL1', channel_name: 'general' }));
    await h.slack.waitFor(() => h.slack.callsOf('response_url').length === 1);
    expect(coach.received[0]).toMatchObject({ kind: 'command', name: 'quiz', inChannel: true });
    const question = h.slack.callsOf('response_url')[0]!;
    expect(question.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(allText(question.args)).toContain('What is a Docker image?');
    // Two buttons with one coach action get distinct action ids.
    const ids = (question.args.blocks as types.ActionsBlock[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements.map((e) => (e as types.Button).action_id));
    expect(ids).toEqual(['pw:0:quiz.answer', 'pw:1:quiz.answer']);
    expect(h.slack.callsOf('chat.postMessage')).toEqual([]);

    const press = fixture('block-actions-ephemeral');
    press.response_url = h.slack.hookUrl(String(press.response_url));
    expect('message' in press).toBe(false);
    expect((await h.send.interaction(press)).status).toBe(200);
    await h.slack.waitFor(() => h.slack.callsOf('response_url').length === 2);
    expect(coach.received[1]).toMatchObject({ kind: 'action', action: 'quiz.answer', value: 'q1:1', inChannel: true });
    const result = h.slack.callsOf('response_url')[1]!;
    expect(result.path).toBe(new URL(String(press.response_url)).pathname);
    expect(result.args.replace_original).toBe(true);
    expect(allText(result.args)).toContain('Correct!');
    expect(h.slack.callsOf('chat.update')).toEqual([]);
    expect(h.slack.callsOf('chat.postMessage')).toEqual([]);
  });
});

describe('App Home', () => {
  it('publishes the Home tab when opened: a welcome first, the goal and mastery once known', async () => {
    await h.send.event(fixture('event-app-home-opened'));
    await h.slack.waitFor(() => h.slack.callsOf('views.publish').length === 1);
    const welcome = h.slack.callsOf('views.publish')[0]!.args;
    expect(welcome.user_id).toBe('U0LEARNER1');
    expect((welcome.view as Json).type).toBe('home');
    expect(allText(welcome.view as Json)).toContain('Welcome to Pathwise');

    coach.state.set('T0PATHWISE:U0LEARNER1', { goal: 'docker', mastery: 0.6 });
    await h.send.event({ ...fixture<Json>('event-app-home-opened'), event_id: 'Ev0HOMEOPEN2' });
    await h.slack.waitFor(() => h.slack.callsOf('views.publish').length === 2);
    const home = allText(h.slack.callsOf('views.publish')[1]!.args.view as Json);
    expect(home).toContain('Goal: *docker*');
    expect(home).toContain('60%');
  });

  it('ignores the Messages tab', async () => {
    const e = fixture('event-app-home-opened');
    (e.event as Json).tab = 'messages';
    await h.send.event(e);
    await new Promise((r) => setTimeout(r, 300));
    expect(h.slack.callsOf('views.publish')).toEqual([]);
  });
});

describe('settings modal', () => {
  it('opens the modal right after the acknowledgement, time zone from the Slack profile', async () => {
    h.slack.timezones.set('U0LEARNER1', 'America/Chicago');
    const res = await h.send.command(command('settings'));
    expect(res.status).toBe(200);
    await h.slack.waitFor(() => h.slack.callsOf('views.open').length === 1);
    const open = h.slack.callsOf('views.open')[0]!;
    expect(open.args.trigger_id).toBe(fixture<Record<string, string>>('slash-command').trigger_id);
    expect(open.at - (h.slack.callsOf('users.info')[0]?.at ?? 0)).toBeLessThan(2_000);
    const view = open.args.view as types.ModalView;
    expect(view.callback_id).toBe('pw.command:settings');
    const tz = view.blocks.find((b) => b.block_id === 'timezone') as types.InputBlock;
    expect((tz.element as types.PlainTextInput).initial_value).toBe('America/Chicago');
    expect(coach.received).toEqual([]);
  });

  it('turns the submitted modal into the settings command, typed', async () => {
    const res = await h.send.interaction(fixture('view-submission'));
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    await h.slack.waitFor(() => coach.received.length === 1 && h.slack.callsOf('chat.postMessage').length === 1);
    expect(coach.received[0]).toMatchObject({ kind: 'command', name: 'settings', options: { timezone: 'Europe/Berlin', hour: 8 }, inChannel: false });
    expect(postedMessage(0).channel).toBe('D0LEARNER1');
  });

  it('shows an unknown time zone as a field error in the modal and does not call the coach', async () => {
    const sub = fixture('view-submission');
    const values = ((sub.view as Json).state as { values: Record<string, Record<string, Json>> }).values;
    values.timezone!.value!.value = 'Mars/Olympus';
    const res = await h.send.interaction(sub);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ response_action: 'errors', errors: { timezone: expect.stringContaining('Mars/Olympus') } });
    await new Promise((r) => setTimeout(r, 200));
    expect(coach.received).toEqual([]);
  });
});

describe('shutdown', () => {
  it('stops receiving but lets an acknowledged turn finish and deliver its reply', async () => {
    coach.delayMs = 600;
    expect((await h.send.event(imEvent('I want to learn docker', 'Ev0STOP0001'))).status).toBe(200);
    await h.slack.waitFor(() => coach.received.length === 1);
    await h.adapter.stop();
    expect(h.slack.callsOf('chat.postMessage')).toHaveLength(1);
    await expect(h.send.event(imEvent('hello', 'Ev0STOP0002'))).rejects.toThrow();
  });
});

describe('error boundary', () => {
  it('shows a learner error verbatim and a bug as an apology with its code, and keeps serving', async () => {
    coach.failNext = new UserError('UNKNOWN_GOAL', "I don't know that goal yet — did you mean Docker?");
    await h.send.event(imEvent('I want to learn dokker', 'Ev0ERR00001'));
    await h.slack.waitFor(() => h.slack.callsOf('chat.postMessage').length === 1);
    expect(allText(postedMessage(0))).toContain("I don't know that goal yet");

    coach.failNext = new Error('database exploded: secret internals');
    await h.send.event(imEvent('hello', 'Ev0ERR00002'));
    await h.slack.waitFor(() => h.slack.callsOf('chat.postMessage').length === 2);
    const apology = allText(postedMessage(1));
    expect(apology).toContain('Sorry, something went wrong on my side (INTERNAL)');
    expect(apology).not.toContain('secret internals');
    expect(h.logs.some((l) => l.includes('handling a text failed for T0PATHWISE/U0LEARNER1 [INTERNAL]'))).toBe(true);

    await h.send.event(imEvent('I want to learn docker', 'Ev0ERR00003'));
    await h.slack.waitFor(() => h.slack.callsOf('chat.postMessage').length === 3);
  });

  it('never writes the token or the signing secret to the log', async () => {
    await h.send.event(imEvent('I want to learn docker', 'Ev0LOG00001'));
    await h.slack.waitFor(() => h.slack.callsOf('chat.postMessage').length === 1);
    expect(h.logs.length).toBeGreaterThan(0);
    const all = h.logs.join('\n');
    expect(all).not.toContain(BOT_TOKEN);
    expect(all).not.toContain(SIGNING_SECRET);
  });
});
