/**
 * Discord payloads for the fake to dispatch, from the recorded shapes in
 * test/discord/fixtures/ (as Discord's API documentation shows them), with a
 * fresh id and token per use so every interaction is a new one.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

export const APP_ID = '1300000000000000001';
export const GUILD_ID = '1300000000000000100';
export const GUILD_CHANNEL_ID = '1300000000000000101';
export const LEARNER_ID = '1300000000000000500';
/** The DM channel between the learner and the bot, as the fixtures name it. */
export const DM_CHANNEL_ID = '1300000000000000600';

export const BOT_USER = {
  id: APP_ID,
  username: 'Pathwise',
  global_name: null,
  avatar: null,
  discriminator: '0',
  public_flags: 524288,
  bot: true,
};

let counter = 0n;
/** A fresh snowflake-shaped id (19 digits), unique within the process. */
export function nextSnowflake(): string {
  counter += 1n;
  return String(1_400_000_000_000_000_000n + counter);
}

/** A fixture file, parsed fresh (callers may change it). */
export function fixture<T = Record<string, unknown>>(file: string): T {
  return JSON.parse(readFileSync(join(DIR, file), 'utf8')) as T;
}

type Json = Record<string, unknown>;

function fresh(file: string): Json {
  return { ...fixture(file), id: nextSnowflake(), token: `itoken-${nextSnowflake()}-aW50ZXJhY3Rpb24` };
}

export type OptionValue = string | number | boolean;

/** Discord's option type numbers for a value: string 3, integer 4, boolean 5, number 10. */
function optionTypeOf(v: OptionValue): number {
  if (typeof v === 'string') return 3;
  if (typeof v === 'boolean') return 5;
  return Number.isInteger(v) ? 4 : 10;
}

/** A slash command interaction (`INTERACTION_CREATE`, type 2), in a server channel or the bot's DM. */
export function slashCommand(name: string, options: Record<string, OptionValue> = {}, where: 'guild' | 'dm' = 'guild'): Json {
  const p = fresh(where === 'guild' ? 'interaction-command-guild.json' : 'interaction-command-dm.json');
  const opts = Object.entries(options).map(([n, value]) => ({ name: n, type: optionTypeOf(value), value }));
  p.data = { id: nextSnowflake(), name, type: 1, ...(opts.length ? { options: opts } : {}) };
  return p;
}

/**
 * A button press (`INTERACTION_CREATE`, type 3) on a message showing
 * `components`: in the bot's DM, or on an ephemeral reply in a server channel.
 */
export function buttonPress(customId: string, message: { content?: string; components?: unknown[] } = {}, where: 'dm' | 'guild' = 'dm'): Json {
  const p = fresh(where === 'dm' ? 'interaction-button-dm.json' : 'interaction-button-guild.json');
  p.data = { component_type: 2, custom_id: customId, id: 1 };
  p.message = { ...(p.message as Json), id: nextSnowflake(), content: message.content ?? '', components: message.components ?? [] };
  return p;
}

/** Someone typing into an autocompleted option (`INTERACTION_CREATE`, type 4). */
export function autocomplete(command: string, option: string, typed: string): Json {
  const p = fresh('interaction-autocomplete.json');
  p.data = { id: nextSnowflake(), name: command, type: 1, options: [{ focused: true, name: option, type: 3, value: typed }] };
  return p;
}

/** A submitted modal (`INTERACTION_CREATE`, type 5) in a server channel, fields by custom id. */
export function modalSubmit(customId: string, fields: Record<string, string>): Json {
  const p = fresh('interaction-modal-submit-guild.json');
  let id = 0;
  p.data = {
    custom_id: customId,
    components: Object.entries(fields).map(([k, value]) => ({ type: 18, id: ++id, component: { type: 4, id: ++id, custom_id: k, value } })),
  };
  return p;
}

/** A direct message to the bot (`MESSAGE_CREATE` in a DM channel that discord.js has never seen). */
export function dmMessage(content: string, channelId = DM_CHANNEL_ID): Json {
  return { ...fixture('message-create-dm.json'), id: nextSnowflake(), content, channel_id: channelId };
}
