/**
 * A tiny stand-in with the coach's shape, `(incoming) => Promise<Reply[]>`,
 * for testing the adapter on its own: it records what arrives and answers
 * like the coach does (a goal offered with a confirm button, a plan, a quiz
 * whose answer replaces the question and moves mastery).
 */
import type { DiscordCoach } from '../../../src/adapters/discord/discord.adapter.ts';
import type { CommandSpec } from '../../../src/adapters/discord/commands.ts';
import type { Incoming, Reply } from '../../../src/core/chat/messages.ts';
import { text } from '../../../src/core/chat/messages.ts';

export const TEST_COMMANDS: CommandSpec[] = [
  { name: 'goal', description: 'Set what you want to learn', options: [{ name: 'text', description: 'In your own words', type: 'string', required: false }] },
  { name: 'quiz', description: 'A quick question on what you are learning', options: [{ name: 'concept', description: 'Concept to practise', type: 'string' }] },
  { name: 'progress', description: 'What you know so far' },
  {
    name: 'settings',
    description: 'Time zone, daily hour, pause',
    options: [
      { name: 'hour', description: 'Local hour for the daily task (0-23)', type: 'integer', min: 0, max: 23 },
      { name: 'timezone', description: 'IANA time zone, e.g. Europe/Berlin', type: 'string' },
      { name: 'paused', description: 'Pause daily messages', type: 'boolean' },
    ],
  },
];

export class ScriptCoach implements DiscordCoach {
  readonly received: Incoming[] = [];
  readonly goals = new Map<string, string>();
  readonly mastery = new Map<string, number>();
  /** Resolves `handle` only when released (to observe the acknowledgement before any work). */
  gate: Promise<void> | null = null;
  /** Thrown by the next `handle`. */
  failNext: Error | null = null;
  /** Called as each event arrives, before any answer (tests look at what Discord has seen by then). */
  onEvent: ((incoming: Incoming) => void) | null = null;

  async handle(incoming: Incoming): Promise<Reply[]> {
    this.received.push(incoming);
    this.onEvent?.(incoming);
    if (this.gate) await this.gate;
    if (this.failNext) {
      const err = this.failNext;
      this.failNext = null;
      throw err;
    }
    const who = incoming.from.user;
    const offer = (goal: string): Reply[] => [
      {
        blocks: [
          text(`Do you mean **${goal}**?`),
          { kind: 'buttons', buttons: [{ action: 'goal.pick', value: goal, label: `Yes, learn ${goal}`, style: 'primary' }, { action: 'goal.none', value: '', label: 'No' }] },
        ],
      },
    ];
    switch (incoming.kind) {
      case 'text': {
        if (incoming.text === 'export') {
          return [{ blocks: [text('📦 Your data'), { kind: 'file', data: new TextEncoder().encode('{"learnerId":"x"}'), mime: 'application/json', filename: 'pathwise-export.json', alt: 'Your data as JSON' }] }];
        }
        const m = /learn (\w+)/i.exec(incoming.text);
        if (m) return offer(m[1]!.toLowerCase());
        return [{ blocks: [text(`You said: ${incoming.text}`)] }];
      }
      case 'command':
        if (incoming.name === 'goal') return offer(String(incoming.options?.text ?? 'something').replace(/^.*learn\s+/i, '').toLowerCase());
        if (incoming.name === 'quiz') {
          return [
            {
              blocks: [
                text('❓ What does `docker run` do?'),
                { kind: 'buttons', buttons: [{ action: 'quiz.answer', value: 'docker-q1|0', label: 'Starts a container' }, { action: 'quiz.answer', value: 'docker-q1|1', label: 'Builds an image' }] },
              ],
            },
          ];
        }
        if (incoming.name === 'progress') return [{ blocks: [text('Your progress'), { kind: 'progress', label: 'Docker', value: this.mastery.get(who) ?? 0.2 }] }];
        if (incoming.name === 'settings') return [{ blocks: [text(`Saved: ${incoming.text || 'nothing changed'}.`)] }];
        return [{ blocks: [text(`/${incoming.name}`)] }];
      case 'action':
        if (incoming.action === 'goal.pick') {
          this.goals.set(who, incoming.value);
          return [{ blocks: [text(`🎯 Goal set: ${incoming.value}. Your plan: 1. Docker Course (60 min)`)] }, { blocks: [text('Public note'), { kind: 'divider' }], ephemeral: false }];
        }
        if (incoming.action === 'quiz.answer') {
          const right = incoming.value.endsWith('|0');
          const m = Math.min(1, (this.mastery.get(who) ?? 0.2) + (right ? 0.3 : -0.1));
          this.mastery.set(who, m);
          return [{ replaceOriginal: true, blocks: [text(right ? '✅ Right! It starts a container.' : '❌ Not quite: it starts a container.'), { kind: 'progress', label: 'Docker', value: m }] }];
        }
        if (incoming.action === 'cmd') return [{ blocks: [text(`/${incoming.value}`)] }];
        if (incoming.action === 'keep') return [{ replaceOriginal: false, blocks: [text('Kept the message you pressed on.')] }];
        return [{ blocks: [text('That button is no longer active.')] }];
    }
  }
}
