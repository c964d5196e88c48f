import { describe, expect, it } from 'vitest';
import type { types } from '@slack/bolt';
import {
  actionId,
  escapeMrkdwn,
  parseActionId,
  progressBar,
  renderHomeView,
  renderMessage,
  splitText,
  toMrkdwn,
} from '../../src/adapters/slack/block-kit.ts';
import type { Reply } from '../../src/core/chat/messages.ts';
import { text } from '../../src/core/chat/messages.ts';

describe('mrkdwn', () => {
  it('escapes the control characters so learner text cannot ping a channel', () => {
    expect(escapeMrkdwn('<!channel> & <@U123>')).toBe('&lt;!channel&gt; &amp; &lt;@U123&gt;');
    expect(toMrkdwn('I want <!here> to learn')).toBe('I want &lt;!here&gt; to learn');
  });

  it('turns the coach’s Markdown links and bold into Slack’s', () => {
    expect(toMrkdwn('Read [Docker docs](https://docs.docker.com/get-started/) **now**')).toBe(
      'Read <https://docs.docker.com/get-started/|Docker docs> *now*',
    );
    expect(toMrkdwn('[x](javascript:alert(1))')).toBe('[x](javascript:alert(1))');
  });

  it('splits long text at line breaks within the 3000-character section limit', () => {
    const long = Array.from({ length: 100 }, (_, i) => `line ${i} ${'x'.repeat(50)}`).join('\n');
    const parts = splitText(long);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(3000);
    expect(parts.join('\n')).toBe(long);
  });
});

describe('action ids', () => {
  it('round-trips the coach action through a per-button index', () => {
    expect(actionId('quiz.answer', 3)).toBe('pw:3:quiz.answer');
    expect(parseActionId('pw:3:quiz.answer')).toBe('quiz.answer');
    expect(parseActionId('pw:0:a:b:c')).toBe('a:b:c');
    expect(parseActionId('someone_elses_button')).toBeNull();
  });
});

describe('renderMessage', () => {
  const reply: Reply = {
    blocks: [
      text('What is a **Docker image**?'),
      {
        kind: 'buttons',
        buttons: [
          { action: 'quiz.answer', value: 'q1:0', label: 'A running process' },
          { action: 'quiz.answer', value: 'q1:1', label: 'A template for containers', style: 'primary' },
        ],
      },
      { kind: 'divider' },
      { kind: 'progress', label: 'docker basics', value: 0.42 },
    ],
  };

  it('renders text, buttons, divider and progress as Block Kit with a plain fallback', () => {
    expect(renderMessage(reply)).toEqual({
      text: 'What is a Docker image?\ndocker basics: 42%',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: 'What is a *Docker image*?' } },
        {
          type: 'actions',
          elements: [
            { type: 'button', action_id: 'pw:0:quiz.answer', text: { type: 'plain_text', text: 'A running process', emoji: true }, value: 'q1:0' },
            {
              type: 'button',
              action_id: 'pw:1:quiz.answer',
              text: { type: 'plain_text', text: 'A template for containers', emoji: true },
              value: 'q1:1',
              style: 'primary',
            },
          ],
        },
        { type: 'divider' },
        { type: 'section', text: { type: 'mrkdwn', text: 'docker basics\n`▓▓▓▓░░░░░░` 42%' } },
      ],
    });
  });

  it('keeps within Slack’s limits: 25 buttons per actions block, 75-character labels, 50 blocks', () => {
    const many: Reply = {
      blocks: [
        { kind: 'buttons', buttons: Array.from({ length: 30 }, (_, i) => ({ action: 'pick', value: String(i), label: `${i} ${'y'.repeat(100)}` })) },
        ...Array.from({ length: 60 }, (_, i) => text(`t${i}`)),
      ],
    };
    const { blocks } = renderMessage(many);
    expect(blocks).toHaveLength(50);
    const actions = blocks.filter((b): b is types.ActionsBlock => b.type === 'actions');
    expect(actions.map((a) => a.elements.length)).toEqual([25, 5]);
    const ids = actions.flatMap((a) => a.elements.map((e) => (e as types.Button).action_id));
    expect(new Set(ids).size).toBe(30);
    for (const e of actions.flatMap((a) => a.elements)) expect((e as types.Button).text.text.length).toBeLessThanOrEqual(75);
    expect(blocks.at(-1)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: '…and 13 more' }] });
  });

  it('clamps progress to [0, 1]', () => {
    expect(progressBar(-1)).toBe('░'.repeat(10));
    expect(progressBar(2)).toBe('▓'.repeat(10));
    expect(progressBar(Number.NaN)).toBe('░'.repeat(10));
    expect(progressBar(0.25)).toBe('▓▓▓░░░░░░░');
  });

  it('escapes the fallback text too', () => {
    expect(renderMessage({ blocks: [text('<!channel> [docs](https://x.dev)')] }).text).toBe('&lt;!channel&gt; docs');
  });
});

describe('renderHomeView', () => {
  it('is a home view with up to 100 blocks', () => {
    const view = renderHomeView({ blocks: Array.from({ length: 120 }, (_, i) => text(`step ${i}`)) });
    expect(view.type).toBe('home');
    expect(view.blocks).toHaveLength(100);
  });
});
