/**
 * Renders the coach's neutral {@link Reply} into Block Kit, and reads our own
 * button ids back. Pure: no Slack client, no clock, no I/O.
 *
 * Slack's limits that shape the output (Block Kit reference):
 * - a message carries at most 50 blocks, a Home tab view at most 100;
 * - a section's text is at most 3000 characters;
 * - an actions block holds at most 25 elements, a button label at most 75
 *   characters, an `action_id` at most 255;
 * - `text` beside `blocks` is the notification / screen-reader fallback.
 *
 * The coach writes light Markdown (`**bold**`, `[label](https://…)`); Slack's
 * mrkdwn differs, and `<`, `>`, `&` are control characters there (`<!channel>`
 * pings everyone), so learner-supplied text is escaped before links are added.
 */
import type { types } from '@slack/bolt';
import { buttonLabel } from '../../core/chat/button-label.ts';
import type { Block, Button, Mention, Reply, TextPart } from '../../core/chat/messages.ts';

export type SlackBlock = types.KnownBlock;

export const MESSAGE_BLOCK_LIMIT = 50;
export const HOME_BLOCK_LIMIT = 100;
const SECTION_TEXT_LIMIT = 3000;
const BUTTONS_PER_ACTIONS_BLOCK = 25;
const BUTTON_LABEL_LIMIT = 75;
const FALLBACK_TEXT_LIMIT = 3000;
const ACTION_ID_LIMIT = 255;

/** What `chat.postMessage`, `chat.update` and `respond` take from a reply. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** Escapes Slack's three control characters (https://docs.slack.dev/messaging/formatting-message-text). */
export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The coach's light Markdown as Slack mrkdwn: escapes first, then turns
 * `[label](https://url)` into `<url|label>` and `**bold**` into `*bold*`.
 */
export function toMrkdwn(s: string): string {
  return escapeMrkdwn(s)
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)|]+)\)/g, (_m, label: string, url: string) => `<${url}|${label}>`)
    .replace(/\*\*([^*\n]+)\*\*/g, '*$1*');
}

/**
 * Text with mentions as Slack mrkdwn: the text escaped as always, each
 * mention as `<@U…>` or `<#C…>`, which Slack shows as the person's or
 * channel's name.
 */
export function partsMrkdwn(parts: readonly TextPart[]): string {
  return parts.map((p) => (typeof p === 'string' ? toMrkdwn(p) : slackMention(p))).join('');
}

function slackMention(m: Mention): string {
  return `<${m.target === 'user' ? '@' : '#'}${slackId(m.id)}>`;
}

/** A Slack id is upper-case letters and digits; anything else is escaped text, never markup. */
function slackId(id: string): string {
  return /^[A-Z0-9]{2,32}$/.test(id) ? id : escapeMrkdwn(id);
}

/** Plain text for notifications: the text blocks, Markdown links reduced to their labels, mentions as Slack renders them. */
function fallbackText(blocks: Block[]): string {
  const plain = (t: string) => escapeMrkdwn(t.replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g, '$1').replace(/\*\*([^*\n]+)\*\*/g, '$1'));
  const parts: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'text') parts.push(b.parts ? b.parts.map((p) => (typeof p === 'string' ? plain(p) : slackMention(p))).join('') : plain(b.text));
    else if (b.kind === 'progress') parts.push(plain(`${b.label}: ${percent(b.value)}`));
  }
  return truncate(parts.join('\n') || 'Pathwise', FALLBACK_TEXT_LIMIT);
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/** Splits text into pieces of at most `max` characters, preferring line breaks. */
export function splitText(s: string, max = SECTION_TEXT_LIMIT): string[] {
  const out: string[] = [];
  let rest = s;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut <= 0) cut = rest.lastIndexOf(' ', max);
    if (cut <= 0) cut = max;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^[\n ]/, '');
  }
  out.push(rest);
  return out;
}

/** Progress values are fractions in [0, 1]; anything outside is clamped. */
function clamp01(v: number): number {
  return Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0;
}

function percent(v: number): string {
  return `${Math.round(clamp01(v) * 100)}%`;
}

/** A ten-cell bar: round(10·v) filled cells. */
export function progressBar(v: number): string {
  const filled = Math.round(clamp01(v) * 10);
  return '▓'.repeat(filled) + '░'.repeat(10 - filled);
}

const ACTION_PREFIX = 'pw:';

/**
 * Our button `action_id`: `pw:{index}:{action}`. Slack wants action ids unique
 * within a block, while a quiz offers several buttons with one coach action, so
 * the index keeps them apart and {@link parseActionId} drops it again.
 */
export function actionId(action: string, index: number): string {
  return `${ACTION_PREFIX}${index}:${action}`.slice(0, ACTION_ID_LIMIT);
}

/** The coach action behind one of our `action_id`s, or null for anything else. */
export function parseActionId(id: string): string | null {
  const m = /^pw:\d+:(.+)$/s.exec(id);
  return m ? (m[1] ?? null) : null;
}

/** Matches every `action_id` this module produces (for Bolt's `app.action`). */
export const ACTION_ID_PATTERN = /^pw:\d+:/;

function buttonElement(b: Button, index: number): types.Button {
  return {
    type: 'button',
    action_id: actionId(b.action, index),
    text: { type: 'plain_text', text: buttonLabel(b.label, BUTTON_LABEL_LIMIT) || '…', emoji: true },
    value: b.value,
    ...(b.style ? { style: b.style } : {}),
  };
}

function renderBlock(b: Block, buttonIndex: { next: number }): SlackBlock[] {
  switch (b.kind) {
    case 'text':
      return splitText(b.parts ? partsMrkdwn(b.parts) : toMrkdwn(b.text)).map((t) => ({ type: 'section', text: { type: 'mrkdwn', text: t } }));
    case 'progress':
      return [
        {
          type: 'section',
          text: { type: 'mrkdwn', text: `${toMrkdwn(b.label)}\n\`${progressBar(b.value)}\` ${percent(b.value)}` },
        },
      ];
    case 'divider':
      return [{ type: 'divider' }];
    case 'buttons': {
      const out: SlackBlock[] = [];
      for (let i = 0; i < b.buttons.length; i += BUTTONS_PER_ACTIONS_BLOCK) {
        const chunk = b.buttons.slice(i, i + BUTTONS_PER_ACTIONS_BLOCK);
        out.push({ type: 'actions', elements: chunk.map((btn) => buttonElement(btn, buttonIndex.next++)) });
      }
      return out;
    }
    case 'image':
    case 'file':
      // The bytes are uploaded beside the message (slack.files.ts); the message says what they are.
      return [{ type: 'context', elements: [{ type: 'mrkdwn', text: toMrkdwn(`📎 ${b.alt} (${b.filename})`) }] }];
  }
}

/** Renders blocks, keeping at most `limit` and saying how many were left out. */
export function renderBlocks(blocks: Block[], limit: number): SlackBlock[] {
  const counter = { next: 0 };
  const all = blocks.flatMap((b) => renderBlock(b, counter));
  if (all.length <= limit) return all;
  const kept = all.slice(0, limit - 1);
  kept.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `…and ${all.length - kept.length} more` }] });
  return kept;
}

/** A reply as a Slack message (post, update or respond). */
export function renderMessage(reply: Reply): SlackMessage {
  return { text: fallbackText(reply.blocks), blocks: renderBlocks(reply.blocks, MESSAGE_BLOCK_LIMIT) };
}

/** The learner's App Home tab, from the coach's home reply. */
export function renderHomeView(reply: Reply): types.HomeView {
  return { type: 'home', blocks: renderBlocks(reply.blocks, HOME_BLOCK_LIMIT) };
}
