/**
 * The coach's {@link Reply} rendered as Discord message bodies (content plus
 * button rows), and button custom ids encoded and read back. Pure: no
 * client, no network; the adapter and the ChatGateway send what this returns.
 *
 * Discord's limits, all enforced here: content ≤ 2,000 characters (longer
 * replies become several messages, buttons on the last), ≤ 5 buttons a row
 * and ≤ 5 rows a message, labels ≤ 80 characters, custom ids ≤ 100
 * characters and unique within a message. Learner text can never ping
 * anyone: every body carries `allowed_mentions: { parse: [] }`.
 */
import { createHash } from 'node:crypto';
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIAllowedMentions,
  type APIButtonComponentWithCustomId,
} from 'discord.js';
import { buttonLabel } from '../../core/chat/button-label.ts';
import { mentionName, type Block, type Button, type Mention, type Reply } from '../../core/chat/messages.ts';

export const MAX_CONTENT = 2000;
export const MAX_CUSTOM_ID = 100;
export const MAX_LABEL = 80;
export const BUTTONS_PER_ROW = 5;
export const MAX_ROWS = 5;

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** One Discord message as the API takes it (`POST /channels/{id}/messages`, webhook edits and follow-ups). */
export interface DiscordMessageBody {
  content: string;
  components: ButtonRow[];
  allowed_mentions: APIAllowedMentions;
  /** Images and files from the reply, uploaded as attachments with the last message (multipart). */
  files?: { name: string; data: Uint8Array }[];
}

/** A pressed button read back from its custom id. */
export interface ButtonPress {
  action: string;
  value: string;
}

/**
 * Where presses too long to fit in a custom id are kept, keyed by a digest
 * (ids are ≤ 100 characters, a coach value may be 200). Bounded; an entry
 * that was evicted or lost in a restart reads back as an expired button.
 */
export interface LongIdStore {
  put(key: string, press: ButtonPress): void;
  get(key: string): ButtonPress | undefined;
}

/** A {@link LongIdStore} in memory holding the most recent `limit` entries. */
export class BoundedLongIds implements LongIdStore {
  private readonly map = new Map<string, ButtonPress>();
  constructor(private readonly limit = 5_000) {}
  put(key: string, press: ButtonPress): void {
    this.map.delete(key);
    this.map.set(key, press);
    while (this.map.size > this.limit) this.map.delete(this.map.keys().next().value!);
  }
  get(key: string): ButtonPress | undefined {
    return this.map.get(key);
  }
}

const ACTION = /^[A-Za-z0-9._-]{1,40}$/;
/** `<index>|<action>|<value>`: the index (base 36) keeps ids unique within a message. */
const INLINE_ID = /^([0-9a-z]{1,2})\|([A-Za-z0-9._-]{1,40})\|([\s\S]{0,97})$/;
/** `<index>#<digest>`: the press is in the {@link LongIdStore}. */
const STORED_ID = /^([0-9a-z]{1,2})#([A-Za-z0-9_-]{22})$/;

/**
 * The custom id for the `index`-th button of a message. Inline when the
 * action and value fit (always, for the coach's own short actions and ids);
 * otherwise a digest whose press is kept in `store`.
 */
export function encodeCustomId(index: number, press: ButtonPress, store?: LongIdStore): string {
  const i = index.toString(36);
  const inline = `${i}|${press.action}|${press.value}`;
  if (ACTION.test(press.action) && inline.length <= MAX_CUSTOM_ID) return inline;
  if (!store) throw new RangeError(`button "${press.action}" does not fit a custom id and no store was given`);
  const key = createHash('sha256').update(`${press.action}\u0000${press.value}`).digest('base64url').slice(0, 22);
  store.put(key, press);
  return `${i}#${key}`;
}

/** Reads a custom id back into the press it stands for; null for ids that are not ours or have expired. */
export function decodeCustomId(customId: string, store?: LongIdStore): ButtonPress | null {
  if (customId.length > MAX_CUSTOM_ID) return null;
  const inline = INLINE_ID.exec(customId);
  if (inline) return { action: inline[2]!, value: inline[3]! };
  const stored = STORED_ID.exec(customId);
  return stored ? (store?.get(stored[2]!) ?? null) : null;
}

const BAR_WIDTH = 10;

/** `Label ██████░░░░ 60%`; the value is clamped to 0…1. */
export function progressLine(label: string, value: number): string {
  const v = Number.isFinite(value) ? Math.max(0, Math.min(1, value)) : 0;
  const filled = Math.round(v * BAR_WIDTH);
  return `${label} ${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)} ${Math.round(v * 100)}%`;
}

const DIVIDER = '──────────';

/** `<@id>` or `<#id>`: Discord shows the member's or channel's name (replies allow no pings, so it notifies nobody). */
function discordMention(m: Mention): string {
  return /^\d{1,25}$/.test(m.id) ? `<${m.target === 'user' ? '@' : '#'}${m.id}>` : mentionName(m);
}

function blockText(b: Block): string | null {
  switch (b.kind) {
    case 'text':
      return b.parts ? b.parts.map((p) => (typeof p === 'string' ? p : discordMention(p))).join('') : b.text;
    case 'progress':
      return progressLine(b.label, b.value);
    case 'divider':
      return DIVIDER;
    case 'buttons':
      return null;
    case 'image':
    case 'file':
      // Uploaded as an attachment; the description stays in the text for screen readers and notifications.
      return `📎 ${b.alt}`;
  }
}

/** Splits text into pieces of at most `max` characters, at paragraph, then line, then word breaks. */
export function splitContent(text: string, max = MAX_CONTENT): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = window.lastIndexOf('\n\n');
    if (cut < max / 2) cut = window.lastIndexOf('\n');
    if (cut < max / 2) cut = window.lastIndexOf(' ');
    if (cut < max / 2) cut = max;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest.length > 0 || out.length === 0) out.push(rest);
  return out;
}

function label(b: Button): string {
  const l = b.label.trim();
  if (l.length === 0) return '…';
  return buttonLabel(l, MAX_LABEL);
}

function style(b: Button): ButtonStyle.Primary | ButtonStyle.Danger | ButtonStyle.Secondary {
  return b.style === 'primary' ? ButtonStyle.Primary : b.style === 'danger' ? ButtonStyle.Danger : ButtonStyle.Secondary;
}

/**
 * Button rows for a reply: each buttons block starts a new row, a row holds
 * at most five, and a message at most five rows (buttons past the 25th are
 * left out; the coach never offers that many).
 */
export function renderButtonRows(blocks: readonly Block[], store?: LongIdStore): ButtonRow[] {
  const rows: ButtonRow[] = [];
  let index = 0;
  for (const b of blocks) {
    if (b.kind !== 'buttons') continue;
    for (let start = 0; start < b.buttons.length && rows.length < MAX_ROWS; start += BUTTONS_PER_ROW) {
      const components = b.buttons.slice(start, start + BUTTONS_PER_ROW).map(
        (btn): APIButtonComponentWithCustomId => ({
          type: ComponentType.Button,
          style: style(btn),
          label: label(btn),
          custom_id: encodeCustomId(index++, { action: btn.action, value: btn.value }, store),
        }),
      );
      rows.push({ type: ComponentType.ActionRow, components });
    }
  }
  return rows;
}

/**
 * A reply as one or more Discord messages: text blocks (paragraphs) make the
 * content, buttons go on the last message. Never returns an empty list, and
 * every message has something to show.
 */
export function renderMessages(reply: Reply, store?: LongIdStore): DiscordMessageBody[] {
  const text = reply.blocks
    .map(blockText)
    .filter((t): t is string => t !== null && t.trim().length > 0)
    .join('\n\n');
  const components = renderButtonRows(reply.blocks, store);
  const chunks = splitContent(text);
  if (chunks.length === 1 && chunks[0] === '' && components.length === 0) chunks[0] = '…';
  const files = reply.blocks.flatMap((b) => (b.kind === 'image' ? [{ name: b.filename, data: b.png }] : b.kind === 'file' ? [{ name: b.filename, data: b.data }] : [])).slice(0, 10);
  return chunks.map((content, i) => ({
    content,
    components: i === chunks.length - 1 ? components : [],
    allowed_mentions: { parse: [] },
    ...(i === chunks.length - 1 && files.length > 0 ? { files } : {}),
  }));
}
