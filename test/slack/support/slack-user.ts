/**
 * A person in Slack, for end-to-end tests: writes DMs, types `/pathwise …`,
 * presses buttons on what the bot posted and opens the Home tab, each as the
 * signed request Slack would send, built from the fixtures and from what the
 * bot actually sent to the fake Web API.
 */
import type { types } from '@slack/bolt';
import type { FakeSlack, RecordedCall } from './fake-slack.ts';
import { fixture, type SlackSender } from './slack-requests.ts';

type Json = Record<string, unknown>;

/** A message the bot put in front of the person, and how a press on it reaches Slack. */
export interface Shown {
  call: RecordedCall;
  blocks: types.KnownBlock[];
  /** The channel and ts of a posted (non-ephemeral) message; absent for ephemeral ones. */
  message?: { channel: string; ts: string };
  /** Where the message was shown when it was ephemeral. */
  ephemeralIn?: string;
}

/** Text of a block list (sections, contexts, button labels), for assertions. */
export function blocksText(blocks: types.KnownBlock[]): string {
  return blocks
    .map((b) => {
      if (b.type === 'section') return b.text?.text ?? '';
      if (b.type === 'context') return b.elements.map((e) => ('text' in e ? e.text : '')).join(' ');
      if (b.type === 'actions') return b.elements.map((e) => (e.type === 'button' ? `(${e.text.text})` : '')).join(' ');
      return '';
    })
    .join('\n');
}

export class SlackUser {
  private events = 0;
  private lastCommandChannel = '';

  constructor(
    private readonly send: SlackSender,
    private readonly slack: FakeSlack,
    readonly user = 'U0LEARNER1',
    readonly dmChannel = 'D0LEARNER1',
  ) {}

  /** Everything shown to this person so far, oldest first. */
  shown(): Shown[] {
    const out: Shown[] = [];
    for (const c of this.slack.calls) {
      if (c.status !== 200) continue;
      const blocks = (c.args.blocks as types.KnownBlock[] | undefined) ?? [];
      if (c.method === 'chat.postMessage') {
        out.push({ call: c, blocks, message: { channel: String(c.args.channel), ts: String(c.response?.ts) } });
      } else if (c.method === 'chat.update') {
        out.push({ call: c, blocks, message: { channel: String(c.args.channel), ts: String(c.args.ts) } });
      } else if (c.method === 'response_url' || c.method === 'chat.postEphemeral') {
        const ephemeral = c.method === 'chat.postEphemeral' || c.args.response_type !== 'in_channel';
        out.push({ call: c, blocks, ...(ephemeral ? { ephemeralIn: String(c.args.channel ?? this.lastCommandChannel) } : {}) });
      }
    }
    return out;
  }

  /** The text of the last thing shown. */
  lastText(): string {
    const last = this.shown().at(-1);
    return last ? blocksText(last.blocks) : '';
  }

  /** Sends a DM to the bot and waits until it has answered. */
  async dm(text: string): Promise<void> {
    const e = fixture('event-message-im');
    this.events += 1;
    const before = this.slack.messagesSent().length;
    const body = { ...e, event_id: `Ev0E2E${String(this.events).padStart(5, '0')}`, event: { ...(e.event as Json), text, user: this.user, channel: this.dmChannel } };
    await this.expectOk(this.send.event(body));
    await this.answered(before);
  }

  /** Types `/pathwise <text>` in `channel` (the DM by default) and waits for the answer. */
  async command(text: string, channel = this.dmChannel): Promise<void> {
    const c = fixture<Record<string, string>>('slash-command');
    this.lastCommandChannel = channel;
    const before = this.slack.messagesSent().length;
    await this.expectOk(
      this.send.command({
        ...c,
        text,
        user_id: this.user,
        channel_id: channel,
        channel_name: channel.startsWith('D') ? 'directmessage' : 'general',
        response_url: this.slack.hookUrl(c.response_url!),
        trigger_id: this.nextTriggerId(),
      }),
    );
    await this.answered(before);
  }

  /** Types `/pathwise <text>` for a command that asks in a modal; returns the modal Slack was asked to open. */
  async commandOpeningModal(text: string, channel = this.dmChannel): Promise<types.ModalView> {
    const c = fixture<Record<string, string>>('slash-command');
    const before = this.slack.callsOf('views.open').length;
    const triggerId = this.nextTriggerId();
    await this.expectOk(this.send.command({ ...c, text, user_id: this.user, channel_id: channel, response_url: this.slack.hookUrl(c.response_url!), trigger_id: triggerId }));
    await this.slack.waitFor(() => this.slack.callsOf('views.open').length > before);
    const open = this.slack.callsOf('views.open').at(-1)!;
    if (open.args.trigger_id !== triggerId) throw new Error('views.open used another trigger_id');
    return open.args.view as types.ModalView;
  }

  /**
   * Fills and submits a modal as Slack sends it (`view_submission`); answers
   * Slack's HTTP response body. Fields not in `values` keep what the modal
   * was opened with: Slack submits their initial value (or option).
   */
  async submit(view: types.ModalView, values: Record<string, string>): Promise<string> {
    const state: Record<string, Record<string, Json>> = {};
    for (const block of view.blocks as types.KnownBlock[]) {
      if (block.type !== 'input' || !block.block_id) continue;
      const el = block.element as { type: string; action_id?: string; options?: { text: unknown; value: string }[]; initial_value?: string; initial_option?: { value: string } };
      const v = values[block.block_id] ?? el.initial_value ?? el.initial_option?.value;
      const chosen = el.options?.find((o) => o.value === v);
      state[block.block_id] = {
        [el.action_id ?? 'value']: el.type === 'static_select' ? { type: el.type, selected_option: chosen ?? null } : { type: el.type, value: v ?? null },
      };
    }
    const sub = fixture('view-submission');
    const body = {
      ...sub,
      trigger_id: this.nextTriggerId(),
      user: { ...(sub.user as Json), id: this.user },
      view: { ...(sub.view as Json), callback_id: view.callback_id, private_metadata: view.private_metadata, blocks: view.blocks, state: { values: state } },
    };
    const before = this.slack.messagesSent().length;
    const res = await this.send.interaction(body);
    if (res.status !== 200) throw new Error(`view_submission answered ${res.status}`);
    if (res.body === '') await this.answered(before);
    return res.body;
  }

  /** Presses the newest button whose label matches, on whatever message shows it, and waits for the answer. */
  async press(label: RegExp): Promise<void> {
    const found = this.findButton(label);
    if (!found) throw new Error(`no button ${label} shown; last message:\n${this.lastText()}`);
    await this.pressOn(found.shown, label);
  }

  /** Presses a button as it was on `shown` (an older copy of a message, say), whatever the message shows now. */
  async pressOn(shown: Shown, label: RegExp): Promise<void> {
    const button = shown.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : [])).find((e): e is types.Button => e.type === 'button' && label.test(e.text.text));
    if (!button) throw new Error(`no button ${label} on that message`);
    const p = fixture('block-actions');
    const action = { action_id: button.action_id, block_id: 'b1', text: button.text, value: button.value, type: 'button', action_ts: `${Date.now() / 1000}` };
    const base = { ...p, trigger_id: this.nextTriggerId(), user: { ...(p.user as Json), id: this.user }, response_url: this.slack.hookUrl(String(p.response_url)), actions: [action] };
    const payload = shown.message
      ? {
          ...base,
          channel: { id: shown.message.channel, name: 'directmessage' },
          container: { type: 'message', message_ts: shown.message.ts, channel_id: shown.message.channel, is_ephemeral: false },
          message: { ...(p.message as Json), ts: shown.message.ts, blocks: shown.blocks },
        }
      : (() => {
          const { message: _omit, ...rest } = base as Json & { message?: unknown };
          const channel = shown.ephemeralIn ?? this.dmChannel;
          return { ...rest, channel: { id: channel, name: 'general' }, container: { type: 'message', message_ts: '1700000999.000100', channel_id: channel, is_ephemeral: true } };
        })();
    const before = this.slack.messagesSent().length;
    await this.expectOk(this.send.interaction(payload));
    await this.answered(before);
  }

  /** Opens the bot's Home tab and waits for it to be published. */
  async openHome(): Promise<Json> {
    const before = this.slack.callsOf('views.publish').length;
    this.events += 1;
    const e = fixture('event-app-home-opened');
    await this.expectOk(this.send.event({ ...e, event_id: `Ev0HOME${String(this.events).padStart(5, '0')}`, event: { ...(e.event as Json), user: this.user, channel: this.dmChannel } }));
    await this.slack.waitFor(() => this.slack.callsOf('views.publish').length > before);
    return this.slack.callsOf('views.publish').at(-1)!.args.view as Json;
  }

  /** Slack gives every interaction its own trigger id. */
  private nextTriggerId(): string {
    this.events += 1;
    return `${6015400000000 + this.events}.6015389580417.${String(this.events).padStart(32, 'a')}`;
  }

  private findButton(label: RegExp): { shown: Shown; button: types.Button } | null {
    const all = this.shown();
    for (let i = all.length - 1; i >= 0; i--) {
      const s = all[i]!;
      for (const b of s.blocks) {
        if (b.type !== 'actions') continue;
        for (const e of b.elements) if (e.type === 'button' && label.test(e.text.text)) return { shown: s, button: e };
      }
    }
    return null;
  }

  private async expectOk(res: Promise<{ status: number; ms: number }>): Promise<void> {
    const r = await res;
    if (r.status !== 200) throw new Error(`Slack request answered ${r.status}`);
    if (r.ms >= 3_000) throw new Error(`Slack request took ${r.ms} ms; Slack gives up after 3 s`);
  }

  private async answered(before: number): Promise<void> {
    await this.slack.waitFor(() => this.slack.messagesSent().length > before, 5_000).catch(() => undefined);
    await this.slack.settle();
  }
}
