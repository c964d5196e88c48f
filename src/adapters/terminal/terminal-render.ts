/**
 * Renders the coach's replies as terminal text: text blocks as they are,
 * progress as bars, buttons as numbered choices (typing the number presses
 * the button). Pure.
 */
import type { Block, Button, Reply } from '../../core/chat/messages.ts';

const BAR_WIDTH = 20;

export function progressBar(value: number): string {
  const v = Math.max(0, Math.min(1, Number.isFinite(value) ? value : 0));
  const full = Math.round(v * BAR_WIDTH);
  return `${'█'.repeat(full)}${'░'.repeat(BAR_WIDTH - full)} ${String(Math.round(v * 100)).padStart(3)}%`;
}

/** Strips terminal control sequences from text shown on screen (roadmap or echoed text could carry them). */
function safe(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/** Where the terminal puts images and files; returns the path shown. Without one, only the name and description are shown. */
export type SaveFile = (filename: string, bytes: Uint8Array) => string;

function block(b: Block, buttons: Button[], saveFile?: SaveFile): string {
  switch (b.kind) {
    case 'text':
      return safe(b.text);
    case 'progress':
      return `  ${progressBar(b.value)}  ${safe(b.label)}`;
    case 'divider':
      return '────────────────────────────';
    case 'buttons':
      return b.buttons
        .map((btn) => {
          buttons.push(btn);
          return `  [${buttons.length}] ${safe(btn.label)}`;
        })
        .join('\n');
    case 'image':
    case 'file': {
      const bytes = b.kind === 'image' ? b.png : b.data;
      const where = saveFile ? saveFile(b.filename, bytes) : b.filename;
      return `📎 ${safe(b.alt)}\n   saved to ${safe(where)}`;
    }
  }
}

/** Renders replies in order; buttons are numbered 1… across them all. */
export function renderReplies(replies: readonly Reply[], saveFile?: SaveFile): { text: string; buttons: Button[] } {
  const buttons: Button[] = [];
  const text = replies
    .map((r) => r.blocks.map((b) => block(b, buttons, saveFile)).join('\n'))
    .filter((t) => t.length > 0)
    .join('\n\n');
  return { text, buttons };
}
