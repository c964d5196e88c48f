/**
 * The coach in Discord, through discord.js. Discord payloads become
 * {@link Incoming} at this edge; the coach's {@link Reply} values go back as
 * messages with button rows ({@link renderMessages}). Nothing from
 * discord.js crosses into the coach.
 *
 * What arrives, and what it becomes:
 * - a slash command → a `CommandEvent` with its typed options (`/settings`
 *   with nothing typed opens a modal first, whose submission becomes the
 *   `CommandEvent`); an unknown command or options that do not match the
 *   definition are answered here, politely, and never reach the coach;
 * - a direct message to the bot → a `TextEvent`;
 * - a press on one of our buttons → an `ActionEvent`;
 * - typing in an autocompleted option → goal and concept names, answered here;
 * - an interaction payload discord.js cannot build (interaction-check.ts) →
 *   a polite private answer, sent from the raw packet. discord.js then throws
 *   inside its own gateway handler, out of reach of any listener: the entry
 *   point keeps a process-wide `unhandledRejection` logger so that cannot
 *   end the process.
 *
 * Discord's clock: an interaction is answered within 3 s or it fails for the
 * person, and it is answered exactly once. So every interaction is
 * acknowledged first, before the coach does any planning or storage work
 * (`deferReply`, or `deferUpdate` for a button), then the reply is edited in
 * (`editReply`, which for a button is the message it sat on) with
 * `followUp` for any further messages. Interaction ids already seen (a
 * resumed gateway may replay) are dropped.
 *
 * Where replies go: in the bot's DM they are ordinary messages; in a server
 * channel they are ephemeral (only the person sees them: they are about one
 * learner's own progress) unless the coach marks one `ephemeral: false`.
 *
 * Connection: only the intents the bot needs, `Guilds` (server and channel
 * cache for slash commands) and `DirectMessages` (DM messages), none
 * privileged. A bot reads the content of DMs sent to it without the
 * privileged `MessageContent` intent. `Partials.Channel` is required: a DM
 * channel is never cached before its first message, and without the partial
 * discord.js drops that message silently. discord.js resumes (or identifies
 * again) after a gateway disconnect by itself; client, shard and REST errors
 * are listened for and logged, so a failed API call never crashes the bot.
 */
import { once } from 'node:events';
import {
  Client,
  Events,
  GatewayIntentBits,
  InteractionContextType,
  InteractionResponseType,
  MessageFlags,
  Partials,
  PermissionFlagsBits,
  RESTEvents,
  Routes,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type Message,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { ActionEvent, CommandEvent, ConversationRef, Incoming, Reply, TextEvent } from '../../core/chat/messages.ts';
import { PathwiseError } from '../../core/errors.ts';
import type { AutocompleteSource } from './autocomplete.ts';
import { modalCommandName, toModal, type CommandSpec } from './commands.ts';
import { withTimeout } from '../with-timeout.ts';
import { BoundedLongIds, decodeCustomId, renderMessages, type DiscordMessageBody, type LongIdStore } from './components.ts';
import { DiscordGateway } from './discord.gateway.ts';
import { redactTokens, type AdapterLog } from './discord.log.ts';
import { modalOptions, optionText, readOptions } from './options.ts';
import { checkInteraction } from './interaction-check.ts';

/** What the adapter needs from the coach. */
export interface DiscordCoach {
  /** One incoming event → the replies to show. */
  handle(incoming: Incoming): Promise<Reply[]>;
  /** What `who` has saved for `command`'s options, to pre-fill its form. */
  currentOptions?(who: ConversationRef, command: string): Promise<Record<string, string>>;
}

export interface DiscordAdapterOptions {
  /** The bot token (a secret: handed to discord.js, never logged). */
  token: string;
  /** REST base without the version (`https://discord.com/api`); a REST proxy, or a loopback fake in tests. */
  apiUrl?: string;
  /** The command definitions slash commands route to. */
  commands: readonly CommandSpec[];
  autocomplete?: AutocompleteSource;
  /** Commands that open a modal form when used with no options. */
  modalCommands?: readonly string[];
  log?: AdapterLog;
  /** How long {@link DiscordAdapter.start} waits for the gateway to be ready. */
  readyTimeoutMs?: number;
}

/** Only what the bot needs; none is privileged (see the module comment). */
export const DISCORD_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages] as const;

const EPHEMERAL = MessageFlags.Ephemeral;
const SEEN_LIMIT = 2_000;
const STOP_WAIT_MS = 10_000;
const DESTROY_WAIT_MS = 3_000;
/** How long the saved settings may take to read before a form opens empty. */
const PREFILL_TIMEOUT_MS = 1_000;

const SORRY = "Sorry, something went wrong on my side. It's not something you did; please try again in a moment.";
const STALE_BUTTON = 'That button is no longer active. Type `/help` to see what I can do.';
const RESTARTING = "I'm restarting right now. Please try that again in a minute.";
const MALFORMED = "I couldn't read that request. Please try again; if it keeps happening, the command may be out of date.";

const silentLog: AdapterLog = { log: () => {} };

/** discord.js options for a rendered body (it takes camelCase `allowedMentions`). */
function asOptions(body: DiscordMessageBody) {
  return {
    content: body.content,
    components: body.components,
    allowedMentions: { parse: [] },
    ...(body.files ? { files: body.files.map((f) => ({ attachment: Buffer.from(f.data), name: f.name })) } : {}),
  };
}

type Deferred = ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

export class DiscordAdapter {
  /** For messages the bot starts itself; works from REST alone. */
  readonly gateway: DiscordGateway;
  private readonly client: Client;
  private readonly commands: Map<string, CommandSpec>;
  private readonly modalCommands: Set<string>;
  private readonly longIds: LongIdStore = new BoundedLongIds();
  private readonly log: AdapterLog;
  private readonly seen = new Set<string>();
  private readonly inflight = new Set<Promise<void>>();
  private coach: DiscordCoach | null = null;
  private stopping = false;
  /** Set once the client is destroyed: discord.js may still retry the gateway for a moment, which is no news. */
  private disconnected = false;
  private applicationId = '';

  constructor(private readonly options: DiscordAdapterOptions) {
    this.commands = new Map(options.commands.map((c) => [c.name, c]));
    this.modalCommands = new Set((options.modalCommands ?? ['settings']).filter((n) => this.commands.get(n)?.options?.length));
    this.log = options.log ?? silentLog;
    this.client = new Client({
      intents: [...DISCORD_INTENTS],
      partials: [Partials.Channel],
      rest: { api: options.apiUrl ?? 'https://discord.com/api' },
      // Replies never ping anyone unless a body says otherwise.
      allowedMentions: { parse: [] },
    });
    this.gateway = new DiscordGateway(this.client.rest, this.longIds);
    this.listen();
  }

  /**
   * Logs in (the REST client fetches the gateway URL from `GET /gateway/bot`)
   * and resolves once the gateway is ready; the coach then gets every event.
   */
  async start(coach: DiscordCoach): Promise<{ applicationId: string; botUserId: string }> {
    this.coach = coach;
    const timeout = AbortSignal.timeout(this.options.readyTimeoutMs ?? 30_000);
    const ready = once(this.client, Events.ClientReady, { signal: timeout });
    ready.catch(() => {}); // Awaited below; a login failure must not leave it unhandled.
    try {
      // Both under the one timeout: a login whose REST calls hang must not outlive it.
      await Promise.all([this.client.login(this.options.token), ready]);
    } catch (err) {
      await this.client.destroy().catch(() => {});
      const why = timeout.aborted ? 'the gateway was not ready in time' : (err as Error).message;
      throw new PathwiseError('DISCORD_LOGIN_FAILED', `could not connect to Discord: ${redactTokens(why, this.options.token)}`, { cause: err });
    }
    this.applicationId = this.client.application?.id ?? '';
    const botUserId = this.client.user?.id ?? '';
    this.log.log('info', 'discord.ready', { applicationId: this.applicationId, botUserId });
    return { applicationId: this.applicationId, botUserId };
  }

  /**
   * Stops cleanly: new events get a polite "restarting" answer, the events in
   * progress finish (bounded), then `beforeDisconnect` runs while REST still
   * works (the app stops its jobs there, whose sends need the token), and
   * only then the client disconnects.
   */
  async stop(beforeDisconnect?: () => Promise<void>): Promise<void> {
    await this.quiesce();
    try {
      await beforeDisconnect?.();
    } finally {
      await this.disconnect();
    }
  }

  /**
   * First half of {@link stop}: new interactions are answered "restarting",
   * and those in flight get up to 10 s to finish. The REST client stays up,
   * so jobs still send until {@link disconnect}.
   */
  async quiesce(): Promise<void> {
    this.stopping = true;
    const pending = Promise.allSettled([...this.inflight]);
    await Promise.race([pending, new Promise((r) => setTimeout(r, STOP_WAIT_MS).unref())]);
  }

  /**
   * Second half of {@link stop}: closes the gateway connection and the REST
   * client, waiting at most a few seconds (a shard stuck reconnecting to an
   * unreachable gateway must not hold up the rest of the shutdown).
   */
  async disconnect(): Promise<void> {
    this.disconnected = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const bounded = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, DESTROY_WAIT_MS);
    });
    await Promise.race([this.client.destroy().catch(() => undefined), bounded]).finally(() => clearTimeout(timer));
    this.coach = null;
  }

  private listen(): void {
    const c = this.client;
    const token = this.options.token;
    // Raw packets arrive before discord.js builds them: the only place to answer one it cannot build.
    c.on(Events.Raw, (packet: { t?: unknown; d?: unknown }) => {
      if (packet.t === 'INTERACTION_CREATE') this.track(this.screen(packet.d));
    });
    c.on(Events.InteractionCreate, (i) => this.track(this.onInteraction(i)));
    c.on(Events.MessageCreate, (m) => this.track(this.onMessage(m)));
    c.on(Events.Error, (err) => this.log.log('error', 'discord.client_error', { error: redactTokens(`${err.name}: ${err.message}`, token) }));
    c.on(Events.Warn, (w) => this.disconnected || this.log.log('warn', 'discord.warning', { message: redactTokens(w, token) }));
    c.on(Events.ShardError, (err, shard) => this.disconnected || this.log.log('warn', 'discord.shard_error', { shard, error: redactTokens(err.message, token) }));
    c.on(Events.ShardDisconnect, (ev, shard) => this.disconnected || this.log.log('error', 'discord.disconnected', { shard, code: ev.code }));
    c.on(Events.ShardReconnecting, (shard) => this.disconnected || this.log.log('warn', 'discord.reconnecting', { shard }));
    c.on(Events.ShardResume, (shard, replayed) => this.log.log('info', 'discord.resumed', { shard, replayed }));
    c.on(Events.Debug, (m) => this.log.log('debug', 'discord.debug', { message: redactTokens(m, token) }));
    c.rest.on(RESTEvents.RateLimited, (r) =>
      this.log.log('warn', 'discord.rate_limited', { route: r.route, method: r.method, retryAfterMs: r.retryAfter, global: r.global }),
    );
  }

  /** Keeps a handler's promise until it settles, so {@link stop} can wait for it; handlers never reject. */
  private track(p: Promise<void>): void {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }

  /** True the first time an id is seen (bounded memory). */
  private firstTime(id: string): boolean {
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    if (this.seen.size > SEEN_LIMIT) this.seen.delete(this.seen.values().next().value!);
    return true;
  }

  private ref(user: string, channel: string | null): ConversationRef {
    // One learner per Discord user across servers and DMs: a Discord account is
    // global (unlike a Slack workspace member), and the daily DM must reach the
    // same learner who set the goal in a server.
    return { platform: 'discord', workspace: this.applicationId || 'discord', channel: channel ?? 'dm', user };
  }

  private async onInteraction(i: Interaction): Promise<void> {
    if (!this.firstTime(`i:${i.id}`)) return;
    try {
      if (this.stopping) {
        if (i.isRepliable()) await i.reply({ content: RESTARTING, flags: EPHEMERAL });
      } else if (i.isAutocomplete()) await this.onAutocomplete(i);
      else if (i.isChatInputCommand()) await this.onCommand(i);
      else if (i.isButton()) await this.onButton(i);
      else if (i.isModalSubmit()) await this.onModal(i);
      else if (i.isRepliable()) await i.reply({ content: STALE_BUTTON, flags: EPHEMERAL });
    } catch (err) {
      this.log.log('error', 'discord.interaction_failed', { interactionId: i.id, type: i.type, error: this.describe(err) });
      await this.apologize(i);
    }
  }

  /**
   * Answers an interaction payload discord.js could not build (see
   * interaction-check.ts) with a polite private message, straight over REST,
   * and marks it seen so it is never answered twice. The coach never sees it.
   */
  private async screen(d: unknown): Promise<void> {
    const check = checkInteraction(d);
    if (check.ok) return;
    this.log.log('warn', 'discord.malformed_interaction', { reason: check.reason.slice(0, 200), answerable: check.answerable !== null });
    if (!check.answerable || !this.firstTime(`i:${check.answerable.id}`)) return;
    try {
      await this.client.rest.post(Routes.interactionCallback(check.answerable.id, check.answerable.token), {
        body: { type: InteractionResponseType.ChannelMessageWithSource, data: { content: MALFORMED, flags: EPHEMERAL, allowed_mentions: { parse: [] } } },
        auth: false,
      });
    } catch (err) {
      this.log.log('warn', 'discord.malformed_answer_failed', { error: this.describe(err) });
    }
  }

  /** Members with Manage Server are team leads for cohorts (a plain flag on the event; no platform object crosses). */
  private roles(i: Interaction): { roles?: { admin: boolean } } {
    return i.inGuild() && i.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ? { roles: { admin: true } } : {};
  }

  private inChannel(i: Interaction): boolean {
    if (i.context !== null) return i.context !== InteractionContextType.BotDM;
    return i.guildId !== null;
  }

  private async onAutocomplete(i: AutocompleteInteraction): Promise<void> {
    const focused = i.options.getFocused(true);
    const choices = this.options.autocomplete?.suggest(i.commandName, focused.name, String(focused.value)) ?? [];
    await i.respond(choices);
  }

  private async onCommand(i: ChatInputCommandInteraction): Promise<void> {
    const spec = this.commands.get(i.commandName);
    if (!spec) {
      this.log.log('info', 'discord.unknown_command', { interactionId: i.id, command: String(i.commandName).slice(0, 32) });
      const names = [...this.commands.keys()].map((n) => `/${n}`).join(', ');
      await i.reply({
        content: `I don't know that command (my commands may have changed since this one was added). I know: ${names}.`,
        flags: EPHEMERAL,
        allowedMentions: { parse: [] },
      });
      return;
    }
    const read = readOptions(spec, i.options.data);
    if (!read.ok) {
      this.log.log('warn', 'discord.bad_options', { interactionId: i.id, command: spec.name, why: read.why });
      await i.reply({ content: `I couldn't read the options of /${spec.name}. Please try the command again.`, flags: EPHEMERAL });
      return;
    }
    if (!read.options && this.modalCommands.has(spec.name)) {
      // The interaction must be answered within 3 s: the saved values are read with a bound.
      const saved = this.coach?.currentOptions ? await withTimeout(this.coach.currentOptions(this.ref(i.user.id, i.channelId), spec.name), PREFILL_TIMEOUT_MS).catch(() => null) : null;
      await i.showModal(toModal(spec, saved ?? {}));
      return;
    }
    const inChannel = this.inChannel(i);
    await i.deferReply(inChannel ? { flags: EPHEMERAL } : {});
    const event: CommandEvent = {
      kind: 'command',
      name: spec.name,
      text: optionText(read.options),
      ...(read.options ? { options: read.options } : {}),
      from: this.ref(i.user.id, i.channelId),
      eventId: i.id,
      inChannel,
      ...this.roles(i),
    };
    await this.answer(i, event, 'reply', inChannel);
  }

  private async onButton(i: ButtonInteraction): Promise<void> {
    const press = decodeCustomId(i.customId, this.longIds);
    if (!press) {
      this.log.log('info', 'discord.stale_button', { interactionId: i.id });
      await i.reply({ content: STALE_BUTTON, flags: EPHEMERAL });
      return;
    }
    await i.deferUpdate();
    const inChannel = this.inChannel(i);
    const event: ActionEvent = { kind: 'action', action: press.action, value: press.value, from: this.ref(i.user.id, i.channelId), eventId: i.id, inChannel, ...this.roles(i) };
    await this.answer(i, event, 'update', inChannel);
  }

  private async onModal(i: ModalSubmitInteraction): Promise<void> {
    const spec = this.commands.get(modalCommandName(i.customId) ?? '');
    if (!spec) {
      await i.reply({ content: 'That form is no longer active. Please run the command again.', flags: EPHEMERAL });
      return;
    }
    const inChannel = this.inChannel(i);
    await i.deferReply(inChannel ? { flags: EPHEMERAL } : {});
    const options = modalOptions(spec, (name) => {
      const field = i.fields.fields.get(name);
      return field && 'value' in field && typeof field.value === 'string' ? field.value : undefined;
    });
    const event: CommandEvent = {
      kind: 'command',
      name: spec.name,
      text: optionText(options),
      ...(options ? { options } : {}),
      from: this.ref(i.user.id, i.channelId),
      eventId: i.id,
      inChannel,
      ...this.roles(i),
    };
    await this.answer(i, event, 'reply', inChannel);
  }

  /**
   * Runs the coach on an acknowledged interaction and shows its replies.
   * `reply` mode (after `deferReply`): the first reply of the deferred
   * reply's visibility becomes it; the rest are follow-ups. `update` mode
   * (after `deferUpdate` on a button): the first reply replaces the message
   * the button sat on only when it says `replaceOriginal` (a quiz question
   * turns into its result). Anything else is a new message and leaves the
   * pressed one alone: a command button's answer, and the coach's note for a
   * second press of an answered question, which must not wipe out the next
   * question. Follow-ups are private in a server, as every answer there.
   */
  private async answer(i: Deferred, event: Incoming, mode: 'reply' | 'update', inChannel: boolean): Promise<void> {
    const replies = await this.ask(event);
    let originalUsed = false;
    let first = true;
    for (const r of replies) {
      const ephemeral = inChannel && r.ephemeral !== false;
      for (const body of renderMessages(r, this.longIds)) {
        // A button's message may only be replaced by the first message of the answer.
        const intoOriginal = !originalUsed && (mode === 'update' ? first && r.replaceOriginal === true : ephemeral === inChannel);
        if (intoOriginal) {
          await i.editReply(asOptions(body));
          originalUsed = true;
        } else {
          await i.followUp({ ...asOptions(body), ...(ephemeral ? { flags: EPHEMERAL } : {}) });
        }
        first = false;
      }
    }
    // A deferred reply nothing went into would stay "thinking…" for 15 minutes.
    if (mode === 'reply' && !originalUsed) await i.deleteReply();
  }

  private async onMessage(m: Message): Promise<void> {
    if (m.author.bot || m.author.system || m.guildId !== null || !m.channel.isDMBased()) return;
    if (!this.firstTime(`m:${m.id}`) || m.content.trim().length === 0) return;
    try {
      if (this.stopping) {
        if (m.channel.isSendable()) await m.channel.send({ content: RESTARTING });
        return;
      }
      const event: TextEvent = { kind: 'text', text: m.content, from: this.ref(m.author.id, m.channelId), eventId: m.id, inChannel: false };
      const replies = await this.ask(event);
      if (!m.channel.isSendable()) return;
      for (const r of replies) for (const body of renderMessages(r, this.longIds)) await m.channel.send(asOptions(body));
    } catch (err) {
      this.log.log('error', 'discord.message_failed', { messageId: m.id, error: this.describe(err) });
      if (m.channel.isSendable()) await m.channel.send({ content: SORRY }).catch(() => {});
    }
  }

  private async ask(event: Incoming): Promise<Reply[]> {
    if (!this.coach) throw new PathwiseError('DISCORD_NOT_STARTED', 'an event arrived before the coach was attached');
    return this.coach.handle(event);
  }

  /** Tells the person something went wrong, through whatever response the interaction still allows. */
  private async apologize(i: Interaction): Promise<void> {
    if (!i.isRepliable()) return;
    try {
      if (!i.deferred && !i.replied) await i.reply({ content: SORRY, flags: EPHEMERAL });
      // A deferred reply still shows "thinking…": the apology goes into it.
      else if (i.deferred && !i.replied && !i.isMessageComponent()) await i.editReply({ content: SORRY, components: [] });
      else await i.followUp({ content: SORRY, flags: EPHEMERAL });
    } catch (err) {
      this.log.log('warn', 'discord.apology_failed', { interactionId: i.id, error: this.describe(err) });
    }
  }

  private describe(err: unknown): string {
    const code = err instanceof PathwiseError ? ` [${err.code}]` : '';
    return redactTokens(err instanceof Error ? `${err.name}: ${err.message}${code}` : String(err), this.options.token);
  }
}
