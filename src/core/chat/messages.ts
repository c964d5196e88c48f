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
}

export type Block =
  | { kind: 'text'; text: string }
  | { kind: 'buttons'; buttons: Button[] }
  | { kind: 'progress'; label: string; value: number }
  | { kind: 'divider' };

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
