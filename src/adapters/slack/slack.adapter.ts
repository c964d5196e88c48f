/**
 * The coach in Slack, through Bolt. Slack payloads become {@link Incoming} at
 * this edge; the coach's {@link Reply} values go back as Block Kit. Nothing
 * from Bolt crosses into the coach.
 *
 * What arrives, and what it becomes:
 * - `/pathwise <subcommand> [text]` → a `CommandEvent` (or, for a command that
 *   asks for its options, a modal opened right after the acknowledgement,
 *   whose submission becomes the `CommandEvent`); `/pathwise <free text>` → a
 *   `TextEvent`;
 * - a direct message to the bot (`message.im`) → a `TextEvent`;
 * - a press on one of our buttons (`block_actions`) → an `ActionEvent`;
 * - `app_home_opened` → the Home tab is published from `coach.home`.
 *
 * Slack's clock: every request is acknowledged first (`processBeforeResponse:
 * false`, `ack()` before any slow work), since Slack gives up after 3 s and a
 * `trigger_id` for a modal lives 3 s. Events Slack re-sends are dropped by
 * `event_id` ({@link EventDedup}).
 *
 * Where replies go (the DM, ephemeral elsewhere, in place for answers): see
 * slack.delivery.ts. The Home tab: app-home.ts.
 */
import { App, HTTPReceiver, type Logger, type RespondFn, type SlashCommand, type BlockAction, type ButtonAction } from '@slack/bolt';
import type { ConversationRef, Incoming, Reply } from '../../core/chat/messages.ts';
import { text } from '../../core/chat/messages.ts';
import { PathwiseError, UserError } from '../../core/errors.ts';
import type { Clock } from '../../core/ports/clock.port.ts';
import { AppHome } from './app-home.ts';
import { ACTION_ID_PATTERN, parseActionId, renderMessage } from './block-kit.ts';
import { withTimeout } from '../with-timeout.ts';
import { commandModal, isZoneOption, MODAL_CALLBACK_PATTERN, modalCommandName, modalOrigin, submittedOptions, zoneErrors, type ViewStateValues } from './command-modal.ts';
import type { CommandSpec } from './command-spec.ts';
import { TtlEventDedup, type EventDedup } from './event-dedup.ts';
import { helpReply, routeSlashText, slackPlainText, SLASH_COMMAND } from './slash-command.ts';
import { deliverReply, type Surface } from './slack.delivery.ts';
import { SlackDirectory } from './slack.directory.ts';
import { SlackGateway, slackErrorCode } from './slack.gateway.ts';
import { createSlackLogger, type LogLevelName, type LogSink } from './slack.logger.ts';

/** What the adapter needs from the coach. */
export interface SlackCoach {
  /** The command definitions `/pathwise` routes to (and modals are built from). */
  readonly commands: readonly CommandSpec[];
  /** One incoming → the replies to show. */
  handle(incoming: Incoming): Promise<Reply[]>;
  /** The learner's Home tab (goal, plan with next steps first, mastery); null for someone new. */
  home?(who: ConversationRef): Promise<Reply | null>;
  /** What the learner has saved for a command's options, as text, to fill its modal (empty for someone new). */
  currentOptions?(who: ConversationRef, command: string): Promise<Record<string, string>>;
}

export interface SlackAdapterOptions {
  botToken: string;
  /** HTTP mode: Slack signs every request with it. */
  signingSecret?: string;
  /** Socket Mode when set (`xapp-…`); no public URL needed. */
  appToken?: string;
  /** Web API base URL (`https://slack.com/api/`; a loopback fake in tests). */
  apiUrl?: string;
  /** How long start-up waits for auth.test before giving up (default 15 s). */
  startTimeoutMs?: number;
  clock: Clock;
  dedup?: EventDedup;
  logLevel?: LogLevelName;
  logSink?: LogSink;
  /** How long a modal's pre-fill lookups may take before the modal opens without them (trigger ids live 3 s). */
  prefillTimeoutMs?: number;
}

/** Presses of the same button on the same message closer together than this are one press. */
const DOUBLE_PRESS_MS = 5_000;

export class SlackAdapter {
  readonly mode: 'socket' | 'http';
  readonly directory: SlackDirectory;
  readonly gateway: SlackGateway;
  private readonly app: App;
  private readonly logger: Logger;
  private readonly dedup: EventDedup;
  /** Presses of one button on one message within a few seconds: a double click, answered once. */
  private readonly presses: EventDedup;
  private readonly prefillTimeoutMs: number;
  private readonly start_: { apiUrl: string; timeoutMs: number };
  private readonly home: AppHome;
  private coach: SlackCoach | null = null;
  private receiving = false;
  /** Turns acknowledged and still being worked on; `stop` lets them finish. */
  private readonly inFlight = new Set<Promise<void>>();
  /**
   * The last turn queued per learner: each turn waits for the one before, so
   * replies reach the person in the order they wrote, even when Slack
   * answers a post with 429 and the WebClient waits out `Retry-After`.
   */
  private readonly lanes = new Map<string, Promise<void>>();

  constructor(options: SlackAdapterOptions) {
    this.dedup = options.dedup ?? new TtlEventDedup({ clock: options.clock });
    this.presses = new TtlEventDedup({ clock: options.clock, ttlMs: DOUBLE_PRESS_MS, maxEntries: 1_000 });
    this.prefillTimeoutMs = options.prefillTimeoutMs ?? 1_000;
    this.start_ = { apiUrl: options.apiUrl ?? 'https://slack.com/api/', timeoutMs: options.startTimeoutMs ?? 15_000 };
    const level = options.logLevel ?? 'info';
    this.logger = createSlackLogger(level, options.logSink);
    const clientOptions = { slackApiUrl: options.apiUrl ?? 'https://slack.com/api/' };
    const common = {
      token: options.botToken,
      logger: this.logger,
      logLevel: level as never,
      clientOptions,
      deferInitialization: true,
    };
    if (options.appToken) {
      this.mode = 'socket';
      this.app = new App({ ...common, socketMode: true, appToken: options.appToken });
    } else if (options.signingSecret) {
      this.mode = 'http';
      const receiver = new HTTPReceiver({
        signingSecret: options.signingSecret,
        endpoints: '/slack/events',
        processBeforeResponse: false,
        logger: this.logger,
      });
      this.app = new App({ ...common, receiver });
    } else {
      throw new PathwiseError('SLACK_NOT_CONFIGURED', 'Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP)');
    }
    this.directory = new SlackDirectory(this.app.client);
    this.gateway = new SlackGateway(this.app.client, this.directory, (code) => this.logger.warn(`attachment upload failed after the message was posted: ${code ?? 'no code'}`));
    this.home = new AppHome(this.app.client);
    this.listen();
  }

  /**
   * Verifies the token (`auth.test`) and starts receiving: Socket Mode
   * connects; HTTP listens on `port` (0 picks a free one) and returns it.
   */
  async start(coach: SlackCoach, listen: { port: number; host?: string } = { port: 3000 }): Promise<{ port?: number }> {
    this.coach = coach;
    const limitMs = this.start_.timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new PathwiseError('SLACK_UNREACHABLE', `Slack's Web API at ${this.start_.apiUrl} did not answer auth.test within ${limitMs / 1000} s; check the network or SLACK_API_URL.`)), limitMs);
    });
    try {
      // The WebClient retries an unreachable Slack for many minutes; start-up gives up sooner.
      await Promise.race([this.app.init(), timeout]);
    } catch (err) {
      if (err instanceof PathwiseError && err.code === 'SLACK_UNREACHABLE') throw err;
      const code = slackErrorCode(err);
      // auth.test answered with an error: the token is wrong, something the person starting the bot can fix.
      if (code) {
        throw new UserError('SLACK_AUTH_FAILED', `Slack refused SLACK_BOT_TOKEN (${code}); copy the Bot User OAuth Token (xoxb-…) from the app's OAuth & Permissions page.`, { cause: err });
      }
      throw new PathwiseError('SLACK_UNREACHABLE', 'could not reach Slack to check the bot token', { cause: err });
    } finally {
      clearTimeout(timer);
    }
    if (this.mode === 'socket') {
      await this.app.start();
      this.receiving = true;
      return {};
    }
    const server = (await this.app.start({ port: listen.port, ...(listen.host ? { host: listen.host } : {}) })) as unknown as {
      address(): { port: number } | string | null;
    };
    this.receiving = true;
    const addr = server.address();
    return { port: typeof addr === 'object' && addr ? addr.port : listen.port };
  }

  /** Stops receiving, then lets the turns already acknowledged finish and deliver their replies. Safe to call twice, or before start. */
  async stop(): Promise<void> {
    if (!this.receiving) return;
    this.receiving = false;
    await this.app.stop();
    await Promise.allSettled([...this.inFlight]);
    this.coach = null;
  }

  private get commands(): readonly CommandSpec[] {
    return this.coach?.commands ?? [];
  }

  private listen(): void {
    this.app.command(SLASH_COMMAND, async ({ command, ack, respond, client }) => {
      await ack();
      await this.onCommand(command, respond, client);
    });

    this.app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: ACTION_ID_PATTERN }, async ({ ack, body, action, respond }) => {
      await ack();
      await this.onButton(body, action, respond);
    });

    this.app.view({ type: 'view_submission', callback_id: MODAL_CALLBACK_PATTERN }, async ({ ack, body, view }) => {
      const name = modalCommandName(view.callback_id);
      const spec = this.commands.find((c) => c.name === name);
      const values = view.state.values as ViewStateValues;
      const errors = spec ? zoneErrors(spec, values) : {};
      if (Object.keys(errors).length > 0) {
        await ack({ response_action: 'errors', errors });
        return;
      }
      await ack();
      if (!spec) return;
      const user = body.user.id;
      const origin = modalOrigin(view.private_metadata);
      const dm = await this.directory.dmChannel(user);
      // Slack submits every field, the pre-filled ones too: only what the person changed is a change.
      const options = submittedOptions(spec, values, origin?.initial);
      const from: ConversationRef = { platform: 'slack', workspace: body.team?.id ?? body.user.team_id ?? '', channel: origin?.channel ?? dm, user };
      const incoming: Incoming = {
        kind: 'command',
        name: spec.name,
        text: Object.entries(options)
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(' '),
        options,
        from,
        inChannel: origin !== null && origin.channel !== dm,
      };
      await this.run(incoming, { user, dm });
    });

    this.app.event('message', async ({ event, body, context }) => {
      // Only what a person writes in their DM with the bot: no edits, joins, bot posts (ours included).
      if (event.channel_type !== 'im' || event.subtype !== undefined) return;
      if ('bot_id' in event && event.bot_id) return;
      const user = 'user' in event ? event.user : undefined;
      const said = 'text' in event ? event.text : undefined;
      if (!user || !said) return;
      if (!(await this.firstDelivery(body.event_id, context.retryNum, context.retryReason))) return;
      this.directory.noteDmChannel(user, event.channel);
      const incoming: Incoming = {
        kind: 'text',
        text: slackPlainText(said),
        from: { platform: 'slack', workspace: body.team_id, channel: event.channel, user },
        eventId: body.event_id,
        inChannel: false,
      };
      await this.run(incoming, { user, dm: event.channel });
    });

    this.app.event('app_home_opened', async ({ event, body, context }) => {
      if (event.tab !== 'home') return;
      if (!(await this.firstDelivery(body.event_id, context.retryNum, context.retryReason))) return;
      this.directory.noteDmChannel(event.user, event.channel);
      const who: ConversationRef = { platform: 'slack', workspace: body.team_id, channel: event.channel, user: event.user };
      await this.publishHome(who, true).catch((err: unknown) => this.logFailure('publishing the Home tab', who, err));
    });

    this.app.error(async (err) => {
      this.logger.error(`unhandled error in a Slack listener [${errorCode(err)}]`, err);
    });
  }

  private async onCommand(command: SlashCommand, respond: RespondFn, client: App['client']): Promise<void> {
    const user = command.user_id;
    const from: ConversationRef = { platform: 'slack', workspace: command.team_id, channel: command.channel_id, user };
    const route = routeSlashText(command.text ?? '', this.commands);
    if (route.kind === 'modal') {
      const initial = await this.prefill(route.spec, from);
      try {
        await client.views.open({ trigger_id: command.trigger_id, view: commandModal(route.spec, { channel: command.channel_id, initial }, initial) });
      } catch (err) {
        this.logFailure('opening a modal', from, err);
        await respond({ response_type: 'ephemeral', ...renderMessage(errorReply(err)) }).catch(() => undefined);
      }
      return;
    }
    if (route.kind === 'help') {
      await respond({ response_type: 'ephemeral', ...renderMessage(helpReply(this.commands)) });
      return;
    }
    const dm = (await this.isBotDm(user, command.channel_id)) ? command.channel_id : undefined;
    // No eventId: Slack never re-sends a slash command (it shows the person an error instead).
    const base = { from, inChannel: dm === undefined };
    const incoming: Incoming =
      route.kind === 'text'
        ? { ...base, kind: 'text', text: route.text }
        : { ...base, kind: 'command', name: route.spec.name, text: route.text };
    await this.run(incoming, dm ? { user, dm, respond } : { user, channel: command.channel_id, respond });
  }

  private async onButton(body: BlockAction<ButtonAction>, button: ButtonAction, respond: RespondFn | undefined): Promise<void> {
    const action = parseActionId(button.action_id);
    if (!action) return;
    const user = body.user.id;
    const container = body.container as { type?: string; channel_id?: string; message_ts?: string; view_id?: string; is_ephemeral?: boolean };
    const channel = body.channel?.id ?? container.channel_id;
    const workspace = body.team?.id ?? body.user.team_id ?? '';
    const ts = body.message?.ts ?? container.message_ts;
    // A double click sends the press twice; the second would otherwise answer a question the first already moved on from.
    const pressKey = `${workspace}:${user}:${ts ?? container.view_id ?? ''}:${button.action_id}:${button.value ?? ''}`;
    if (!(await this.presses.claim(pressKey))) {
      this.logger.debug(`dropping a repeated press of ${button.action_id} by ${workspace}/${user}`);
      return;
    }
    const dm = channel && (await this.isBotDm(user, channel)) ? channel : undefined;
    const fromHome = container.type === 'view';
    const homeDm = fromHome ? await this.directory.dmChannel(user).catch(() => undefined) : undefined;
    const from: ConversationRef = { platform: 'slack', workspace, channel: channel ?? homeDm ?? '', user };
    const ephemeralOriginal = container.is_ephemeral === true;
    const surface: Surface = {
      user,
      ...(dm || homeDm ? { dm: dm ?? homeDm } : { channel }),
      ...(respond ? { respond } : {}),
      ...(!ephemeralOriginal && channel && ts ? { original: { channel, ts } } : {}),
      ephemeralOriginal,
    };
    const incoming: Incoming = { kind: 'action', action, value: button.value ?? '', from, inChannel: !dm && !fromHome };
    await this.run(incoming, surface);
  }

  /**
   * The time zone of the person's Slack profile, for the coach's onboarding
   * default. Synchronous: the adapter looks it up (once per person, cached)
   * before handing each incoming to the coach.
   */
  profileTimezone(who: ConversationRef): string | null {
    return who.platform === 'slack' ? this.directory.cachedTimezone(who.user) : null;
  }

  /** Claims an Events API delivery; false for a copy Slack re-sent (logged, then dropped). */
  private async firstDelivery(eventId: string, retryNum?: number, retryReason?: string): Promise<boolean> {
    if (await this.dedup.claim(eventId)) return true;
    this.logger.info(`dropping a re-sent event ${eventId} (retry ${retryNum ?? '?'}: ${retryReason ?? 'no reason given'})`);
    return false;
  }

  /** The error boundary for one incoming: hand it to the coach, deliver what it says, never throw. */
  private async run(incoming: Incoming, surface: Surface): Promise<void> {
    const coach = this.coach;
    if (!coach) return;
    const key = `${incoming.from.workspace}:${incoming.from.user}`;
    const before = this.lanes.get(key) ?? Promise.resolve();
    // Queued at arrival, before any await, so the order is the order Slack delivered the events in.
    const turn = before.catch(() => undefined).then(() => this.turn(coach, incoming, surface));
    this.lanes.set(key, turn);
    this.inFlight.add(turn);
    try {
      await turn;
    } finally {
      this.inFlight.delete(turn);
      if (this.lanes.get(key) === turn) this.lanes.delete(key);
    }
  }

  private async turn(coach: SlackCoach, incoming: Incoming, surface: Surface): Promise<void> {
    // Warm the profile time zone so the coach can propose it to someone new (bounded: Slack may be slow).
    // The same users.info answer says whether they are a workspace admin or owner: a cohort lead.
    await withTimeout(this.directory.timezone(incoming.from.user), this.prefillTimeoutMs).catch(() => null);
    if (this.directory.cachedAdmin(incoming.from.user)) incoming = { ...incoming, roles: { admin: true } };
    let replies: Reply[];
    try {
      replies = await coach.handle(incoming);
    } catch (err) {
      this.logFailure(`handling a ${incoming.kind}`, incoming.from, err);
      replies = [errorReply(err)];
    }
    for (const reply of replies) {
      try {
        await deliverReply(this.app.client, this.directory, reply, surface);
      } catch (err) {
        this.logFailure('delivering a reply', incoming.from, err);
      }
    }
    await this.publishHome(incoming.from, false).catch((err: unknown) => this.logFailure('refreshing the Home tab', incoming.from, err));
  }

  private async publishHome(who: ConversationRef, force: boolean): Promise<void> {
    if (this.coach?.home) await this.home.publish(this.coach.home.bind(this.coach), who, force);
  }

  /** Whether `channel` is the bot's own DM with `user` (anything else is shared, so replies stay private). */
  private async isBotDm(user: string, channel: string): Promise<boolean> {
    if (!channel.startsWith('D')) return false;
    try {
      return (await this.directory.dmChannel(user)) === channel;
    } catch {
      return false;
    }
  }

  /**
   * Modal pre-fill: what the learner has saved (so changing the hour leaves
   * the saved zone alone); for someone with no saved zone, the one in their
   * Slack profile. Both bounded: the trigger id lives 3 s.
   */
  private async prefill(spec: CommandSpec, who: ConversationRef): Promise<Record<string, string>> {
    const coach = this.coach;
    const saved = coach?.currentOptions ? await withTimeout(coach.currentOptions(who, spec.name), this.prefillTimeoutMs).catch(() => null) : null;
    const initial: Record<string, string> = { ...(saved ?? {}) };
    const zoneOption = (spec.options ?? []).find((o) => isZoneOption(o.name));
    if (zoneOption && initial[zoneOption.name] === undefined) {
      const tz = await withTimeout(this.directory.timezone(who.user), this.prefillTimeoutMs).catch(() => null);
      if (tz) initial[zoneOption.name] = tz;
    }
    return initial;
  }

  private logFailure(what: string, who: ConversationRef, err: unknown): void {
    this.logger.error(`${what} failed for ${who.workspace}/${who.user} [${errorCode(err)}]`, err);
  }
}

function errorCode(err: unknown): string {
  if (err instanceof PathwiseError) return err.code;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'INTERNAL';
}

/** What the person sees when the coach failed: a learner error verbatim, anything else an apology with its code. */
export function errorReply(err: unknown): Reply {
  if (err instanceof UserError) return { ephemeral: true, blocks: [text(err.message)] };
  return { ephemeral: true, blocks: [text(`Sorry, something went wrong on my side (${errorCode(err)}). Please try again in a moment.`)] };
}
