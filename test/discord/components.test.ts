import { describe, expect, it } from 'vitest';
import {
  BoundedLongIds,
  decodeCustomId,
  encodeCustomId,
  MAX_CONTENT,
  MAX_CUSTOM_ID,
  progressLine,
  renderMessages,
  splitContent,
} from '../../src/adapters/discord/components.ts';
import type { Button, Reply } from '../../src/core/chat/messages.ts';
import { text } from '../../src/core/chat/messages.ts';

const btn = (label: string, action: string, value: string, style?: Button['style']): Button => ({ label, action, value, ...(style ? { style } : {}) });

describe('renderMessages', () => {
  it('puts text, progress and dividers in the content and buttons in rows, never pinging anyone', () => {
    const reply: Reply = {
      blocks: [
        text('✅ Right! `docker run` starts a container.'),
        { kind: 'progress', label: 'Docker', value: 0.6 },
        { kind: 'divider' },
        { kind: 'buttons', buttons: [btn('Another quiz', 'cmd', 'quiz', 'primary'), btn('Forget me', 'forget.confirm', '', 'danger'), btn('Plan', 'cmd', 'plan')] },
      ],
    };
    const [msg, ...rest] = renderMessages(reply);
    expect(rest).toEqual([]);
    expect(msg!.content).toBe('✅ Right! `docker run` starts a container.\n\nDocker ██████░░░░ 60%\n\n──────────');
    expect(msg!.allowed_mentions).toEqual({ parse: [] });
    expect(msg!.components).toEqual([
      {
        type: 1,
        components: [
          { type: 2, style: 1, label: 'Another quiz', custom_id: '0|cmd|quiz' },
          { type: 2, style: 4, label: 'Forget me', custom_id: '1|forget.confirm|' },
          { type: 2, style: 2, label: 'Plan', custom_id: '2|cmd|plan' },
        ],
      },
    ]);
  });

  it('starts a row for each buttons block, holds at most 5 a row and 5 rows, and keeps ids unique', () => {
    const many = Array.from({ length: 7 }, (_, i) => btn(`Option ${i}`, 'quiz.answer', 'same'));
    const blocks: Reply['blocks'] = [{ kind: 'buttons', buttons: many }, { kind: 'buttons', buttons: [btn('Help', 'cmd', 'help')] }];
    for (let i = 0; i < 4; i++) blocks.push({ kind: 'buttons', buttons: [btn(`Extra ${i}`, 'cmd', 'help')] });
    const [msg] = renderMessages({ blocks });
    expect(msg!.components.map((r) => r.components.length)).toEqual([5, 2, 1, 1, 1]);
    const ids = msg!.components.flatMap((r) => r.components.map((c) => c.custom_id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('clips labels to 80 characters and never sends an empty one', () => {
    const [msg] = renderMessages({ blocks: [{ kind: 'buttons', buttons: [btn('x'.repeat(120), 'a', ''), btn('   ', 'b', '')] }] });
    const [long, empty] = msg!.components[0]!.components;
    expect(long!.label).toHaveLength(80);
    expect(empty!.label).toBe('…');
  });

  it('splits content past 2,000 characters into several messages, buttons on the last', () => {
    const para = 'word '.repeat(300).trim();
    const reply: Reply = { blocks: [text(para), text(para), { kind: 'buttons', buttons: [btn('Next', 'cmd', 'today')] }] };
    const msgs = renderMessages(reply);
    expect(msgs.length).toBe(2);
    for (const m of msgs) expect(m.content.length).toBeLessThanOrEqual(MAX_CONTENT);
    expect(msgs[0]!.components).toEqual([]);
    expect(msgs[1]!.components).toHaveLength(1);
    expect(msgs.map((m) => m.content).join(' ').replace(/\s+/g, ' ')).toBe(`${para} ${para}`);
  });

  it('always has something to show', () => {
    expect(renderMessages({ blocks: [] })[0]!.content).toBe('…');
    expect(renderMessages({ blocks: [{ kind: 'buttons', buttons: [btn('Go', 'cmd', 'help')] }] })[0]!.content).toBe('');
  });
});

describe('custom ids', () => {
  it('encode action and value inline and read them back, values with separators included', () => {
    const id = encodeCustomId(3, { action: 'quiz.answer', value: 'python-basics-q2|1' });
    expect(id).toBe('3|quiz.answer|python-basics-q2|1');
    expect(decodeCustomId(id)).toEqual({ action: 'quiz.answer', value: 'python-basics-q2|1' });
    expect(decodeCustomId('0|goal.none|')).toEqual({ action: 'goal.none', value: '' });
  });

  it('keep a press too long for 100 characters in the store, under a digest', () => {
    const store = new BoundedLongIds(10);
    const press = { action: 'goal.pick', value: 'v'.repeat(200) };
    const id = encodeCustomId(12, press, store);
    expect(id.length).toBeLessThanOrEqual(MAX_CUSTOM_ID);
    expect(id).toMatch(/^c#[A-Za-z0-9_-]{22}$/);
    expect(decodeCustomId(id, store)).toEqual(press);
    // The same press gets the same id, so a re-render does not grow the store.
    expect(encodeCustomId(12, press, store)).toBe(id);
    // Lost (a restart, or evicted): read back as not ours, never as another press.
    expect(decodeCustomId(id, new BoundedLongIds())).toBeNull();
  });

  it('refuse a long press when there is nowhere to keep it', () => {
    expect(() => encodeCustomId(0, { action: 'a', value: 'v'.repeat(150) })).toThrow(RangeError);
  });

  it('evict the oldest entries past the limit', () => {
    const store = new BoundedLongIds(2);
    const ids = [1, 2, 3].map((n) => encodeCustomId(0, { action: 'a', value: String(n).repeat(120) }, store));
    expect(decodeCustomId(ids[0]!, store)).toBeNull();
    expect(decodeCustomId(ids[2]!, store)?.value).toBe('3'.repeat(120));
  });

  it('read anything else as not ours', () => {
    for (const bad of ['', 'garbage', 'modal:settings', '0|', '0|bad action|x', 'zzz|a|b', '0#short', 'x'.repeat(101)]) {
      expect(decodeCustomId(bad), bad).toBeNull();
    }
  });
});

describe('progressLine and splitContent', () => {
  it('draws ten cells and clamps the value', () => {
    expect(progressLine('SQL', 0)).toBe('SQL ░░░░░░░░░░ 0%');
    expect(progressLine('SQL', 0.44)).toBe('SQL ████░░░░░░ 44%');
    expect(progressLine('SQL', 1.7)).toBe('SQL ██████████ 100%');
    expect(progressLine('SQL', Number.NaN)).toBe('SQL ░░░░░░░░░░ 0%');
  });

  it('cuts at paragraph breaks first, and hard-cuts a wall of text', () => {
    expect(splitContent(`${'a'.repeat(15)}\n\n${'b'.repeat(15)}`, 20)).toEqual(['a'.repeat(15), 'b'.repeat(15)]);
    expect(splitContent('c'.repeat(45), 20)).toEqual(['c'.repeat(20), 'c'.repeat(20), 'c'.repeat(5)]);
    expect(splitContent('short')).toEqual(['short']);
  });
});
