/**
 * Button labels built from titles fit every platform (Slack shows 75
 * characters, Discord 80) and are shortened at a word with "…": "Bring back
 * Microsoft docs: Types of table relationships (one-to-many, many-to-ma" was
 * once what a learner read on the button.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buttonLabel, MAX_BUTTON_LABEL } from '../../src/core/chat/button-label.ts';
import { button } from '../../src/coach/replies.ts';
import { PACKAGE_ROOT } from '../../src/package-root.ts';
import { loadRoadmaps } from '../../src/roadmaps/roadmap-files.ts';
import { renderMessage } from '../../src/adapters/slack/block-kit.ts';

const shipped = loadRoadmaps(join(PACKAGE_ROOT, 'roadmaps')).graph;

describe('button labels', () => {
  it('a long shipped title is shortened at a word, its open parenthesis dropped, within 75 characters', () => {
    const title = shipped.resources.get('ms-types-of-table-relationships')!.title;
    expect(title.length).toBeGreaterThan(80);
    expect(button(`Bring back ${title}`, 'restore', 'x').label).toBe('Bring back Microsoft docs: Types of table relationships…');
  });

  it('keeps a label that fits as it is, and cuts inside a word only when one word is longer than the room', () => {
    expect(buttonLabel('Quiz me on Pandas')).toBe('Quiz me on Pandas');
    expect(buttonLabel('x'.repeat(MAX_BUTTON_LABEL))).toBe('x'.repeat(MAX_BUTTON_LABEL));
    expect(buttonLabel('y'.repeat(100))).toBe(`${'y'.repeat(MAX_BUTTON_LABEL - 1)}…`);
    // Punctuation left at the cut goes; a parenthesis opened early stays with its words.
    expect(buttonLabel('Set goal: a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, u, v, w, x, y, z', 20)).toBe('Set goal: a, b, c…');
    expect(buttonLabel('Khan Academy (Praxis Core Math): algebra lessons with worked examples and practice', 55)).toBe('Khan Academy (Praxis Core Math): algebra lessons…');
    expect(buttonLabel('SQL (joins and window functions, then indexes and query plans)', 30)).toBe('SQL (joins and window…');
  });

  it('every button a shipped resource or concept title makes is whole words within every platform limit', () => {
    const titles = [...shipped.resources.values(), ...shipped.concepts.values(), ...shipped.goals.values()].map((n) => n.title);
    let shortened = 0;
    for (const title of titles) {
      for (const said of [`Bring back ${title}`, `Quiz me on ${title}`, `Another resource for ${title}`, `Yes, learn ${title}`]) {
        const label = button(said, 'a').label;
        expect(label.length).toBeLessThanOrEqual(MAX_BUTTON_LABEL);
        if (label === said) continue;
        shortened++;
        expect(label.endsWith('…')).toBe(true);
        const kept = label.slice(0, -1);
        // A prefix of the full label that ends where a word ends.
        expect(said.startsWith(kept)).toBe(true);
        expect(said[kept.length]).toMatch(/[\s,;:.()\-–—/&+]/);
        expect(kept).not.toMatch(/\s(?:with|the|of|and)$/);
        // No parenthesis left open, unless it opens the label's first words ("SQL (joins…").
        const open = kept.lastIndexOf('(');
        if (open >= 0 && kept.indexOf(')', open) === -1) expect(open).toBeLessThan(12);
      }
    }
    expect(shortened).toBeGreaterThan(10);
  });

  it('no two shipped titles shorten to the same label: buttons side by side (goal candidates, "Bring back …") stay tellable apart', () => {
    const groups = [[...shipped.resources.values()], [...shipped.concepts.values(), ...shipped.goals.values()]];
    for (const nodes of groups) {
      for (const prefix of ['', 'Bring back ', 'Quiz me on ', 'Set goal: ', 'Another resource for ']) {
        const seen = new Map<string, string>();
        for (const n of nodes) {
          const label = button(`${prefix}${n.title}`, 'a').label;
          const other = seen.get(label);
          if (other !== undefined && other !== n.title) expect.fail(`"${other}" and "${n.title}" both show as "${label}"`);
          seen.set(label, n.title);
        }
      }
    }
  });

  it('Slack renders the shortened label as it is (its own cut at 75 would fall mid-word)', () => {
    const title = shipped.resources.get('ms-referential-integrity-overview')!.title;
    const blocks = JSON.stringify(renderMessage({ blocks: [{ kind: 'buttons', buttons: [button(`Bring back ${title}`, 'restore', 'x')] }] }));
    expect(blocks).toContain('"text":"Bring back Microsoft docs: Overview of referential integrity…"');
  });
});
