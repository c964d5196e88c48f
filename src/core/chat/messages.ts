/**
 * The coach's own message language. Adapters turn platform payloads into
 * {@link Incoming} at the edge and render {@link Reply} into Block Kit,
 * Discord components or terminal text. No platform object crosses into the core.
 */

/** Where a conversation happens; plain data, safe to store in a job. */
export interface ConversationRef {
  platform: 'terminal' | 'slack' | 'discord';
  /** Slack team id, Discord guild id (or "dm"), "local" for the terminal. */
  workspace: string;
  /** The channel or DM channel to write to. */
  channel: string;
  /** The platform's user id of the learner. */
  user: string;
  /**
   * `channel`: post in the channel for everyone there (cohort summaries).
   * Absent: the message is for `user` alone (gateways send it to their DM).
   */
  audience?: 'channel';
}

/**
 * A person or a channel named in a message. Adapters render it the
 * platform's way, so people see names, never raw ids: Slack `<@U…>` /
 * `<#C…>`, Discord `<@id>` / `<#id>` (shown as names, and never pinging:
 * replies allow no mentions), the terminal `name`.
 */
export interface Mention {
  kind: 'mention';
  target: 'user' | 'channel';
  /** The platform's id of the user or channel. */
  id: string;
  /** A readable name where the platform cannot resolve one (the terminal, notification text). */
  name?: string;
}

/** A piece of a text block: plain text, or a mention. */
export type TextPart = string | Mention;

export type Block =
  /**
   * `text` is always the whole text, mentions shown by name; `parts`, when
   * present, is the same text with its mentions as data, for adapters that
   * render mentions.
   */
  | { kind: 'text'; text: string; parts?: TextPart[] }
  | { kind: 'buttons'; buttons: Button[] }
  | { kind: 'progress'; label: string; value: number }
  | { kind: 'divider' }
  /** A PNG picture (a chart); adapters upload it, the terminal saves it and shows the path. `alt` says what it shows. */
  | { kind: 'image'; png: Uint8Array; alt: string; filename: string }
  /** A file for the person (e.g. their data export as JSON); same delivery as images. */
  | { kind: 'file'; data: Uint8Array; mime: string; filename: string; alt: string };

export interface Button {
  /** Routed back to the coach as {@link ActionEvent.action}. */
  action: string;
  /** Opaque to adapters; at most 200 characters (fits Slack and Discord custom ids). */
  value: string;
  label: string;
  style?: 'primary' | 'danger';
}

export interface Reply {
  blocks: Block[];
  /** Only the person asking may see it (Slack ephemeral, Discord ephemeral flag). */
  ephemeral?: boolean;
  /** Replace the message the button was pressed on (quiz result in place). */
  replaceOriginal?: boolean;
}

interface IncomingBase {
  from: ConversationRef;
  /** Platform event id when it has one, for deduplication of re-sent events. */
  eventId?: string;
  /** True when said in a shared channel rather than a DM (private replies become ephemeral). */
  inChannel?: boolean;
  /**
   * What the platform says about the person, set by adapters: Slack
   * workspace admins and owners, Discord members with Manage Server. The
   * terminal user is an admin of their own machine. Absent means no role.
   */
  roles?: { admin?: boolean };
}
export interface TextEvent extends IncomingBase {
  kind: 'text';
  text: string;
}
export interface CommandEvent extends IncomingBase {
  kind: 'command';
  name: string;
  /** Raw option text after the command name. */
  text: string;
  options?: Record<string, string | number | boolean>;
}
export interface ActionEvent extends IncomingBase {
  kind: 'action';
  action: string;
  value: string;
}
export type Incoming = TextEvent | CommandEvent | ActionEvent;

export const text = (t: string): Block => ({ kind: 'text', text: t });

export const mentionUser = (id: string, name?: string): Mention => ({ kind: 'mention', target: 'user', id, ...(name ? { name } : {}) });
export const mentionChannel = (id: string, name?: string): Mention => ({ kind: 'mention', target: 'channel', id, ...(name ? { name } : {}) });

/** How a mention reads where it cannot be rendered: its name, else `@id` / `#id`. */
export function mentionName(m: Mention): string {
  return m.name ?? `${m.target === 'user' ? '@' : '#'}${m.id}`;
}

/** A text block from parts; a block without mentions is a plain text block. */
export function textParts(parts: readonly TextPart[]): Block {
  const merged: TextPart[] = [];
  for (const p of parts) {
    const last = merged[merged.length - 1];
    if (typeof p === 'string' && typeof last === 'string') merged[merged.length - 1] = last + p;
    else if (p !== '') merged.push(p);
  }
  const plain = merged.map((p) => (typeof p === 'string' ? p : mentionName(p))).join('');
  return merged.some((p) => typeof p !== 'string') ? { kind: 'text', text: plain, parts: merged } : { kind: 'text', text: plain };
}

/** A text block written as a template whose values may be mentions: mentioning`🎉 Well done: ${mentionUser(id)}`. */
export function mentioning(strings: TemplateStringsArray, ...values: (TextPart | number)[]): Block {
  const parts: TextPart[] = [];
  strings.forEach((s, i) => {
    parts.push(s);
    if (i < values.length) {
      const v = values[i]!;
      parts.push(typeof v === 'number' ? String(v) : v);
    }
  });
  return textParts(parts);
}
