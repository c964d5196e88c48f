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

export type Block =
  | { kind: 'text'; text: string }
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
