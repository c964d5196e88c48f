/**
 * Small builders for the coach's platform-neutral replies.
 */
import { buttonLabel } from '../core/chat/button-label.ts';
import type { Block, Button, Reply } from '../core/chat/messages.ts';

export const MAX_BUTTON_VALUE = 200;

export function reply(...blocks: (Block | null | undefined | false)[]): Reply {
  return { blocks: blocks.filter((b): b is Block => Boolean(b)) };
}

export function say(text: string): Block {
  return { kind: 'text', text };
}

export function bar(label: string, value: number): Block {
  return { kind: 'progress', label, value: Math.max(0, Math.min(1, value)) };
}

export function buttons(...list: (Button | null | undefined | false)[]): Block | null {
  const bs = list.filter((b): b is Button => Boolean(b));
  for (const b of bs) {
    // A value longer than the platforms allow is a bug in the coach, not input.
    if (b.value.length > MAX_BUTTON_VALUE) throw new RangeError(`button value longer than ${MAX_BUTTON_VALUE}: ${b.action}`);
  }
  return bs.length > 0 ? { kind: 'buttons', buttons: bs } : null;
}

/** A button; its label (often a resource's or concept's title) shortened at a word to fit every platform ({@link buttonLabel}). */
export function button(label: string, action: string, value = '', style?: Button['style']): Button {
  return { label: buttonLabel(label), action, value, ...(style ? { style } : {}) };
}

/** A button that runs a command, as if the learner had typed it. */
export function commandButton(label: string, command: string, style?: Button['style']): Button {
  return button(label, 'cmd', command, style);
}

export function merge(...replies: (Reply | null | undefined)[]): Reply {
  return { blocks: replies.flatMap((r) => r?.blocks ?? []) };
}

export const pct = (p: number): string => `${Math.round(p * 100)}%`;
