/**
 * `plan picture` in the terminal: the coach draws the path, the terminal
 * saves the PNG under the data directory and names the file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { TerminalChat } from '../../src/adapters/terminal/terminal.adapter.ts';
import { CoachHarness } from '../support/coach-harness.ts';
import { decodePng, isColour } from '../support/png.ts';
import { tempDir } from '../support/temp-dir.ts';

let h: CoachHarness | null = null;
const dirs: (() => void)[] = [];
afterEach(async () => {
  await h?.cleanup();
  h = null;
  for (const d of dirs.splice(0)) d();
});

describe('plan picture in the terminal', () => {
  it('saves the path picture as a named PNG and says where', async () => {
    h = await CoachHarness.create();
    await h.onboard();
    const said = await h.command('plan', 'picture');
    expect(said).toMatch(/as a picture/);
    const image = h.last.flatMap((r) => r.blocks).find((b) => b.kind === 'image');
    expect(image?.kind === 'image' && image.alt).toMatch(/Your path to Data Analyst: \d+ concepts, \d+ known; now: /);

    const tmp = tempDir('pathwise-pictures-');
    dirs.push(tmp.remove);
    const output = new PassThrough();
    let shown = '';
    output.on('data', (d: Buffer) => (shown += d.toString('utf8')));
    const terminal = new TerminalChat({ input: new PassThrough(), output, ref: h.from, filesDir: join(tmp.dir, 'files') });
    for (const r of h.last) await terminal.send(h.from, r);
    const path = /saved to (\S+\.png)/.exec(shown)?.[1];
    expect(path).toMatch(/files\/pathwise-path-data-analyst-\d{4}-\d{2}-\d{2}\.png$/);
    expect(existsSync(path!)).toBe(true);
    const png = decodePng(readFileSync(path!));
    expect(png.width).toBeGreaterThanOrEqual(560);
    expect(png.height).toBeGreaterThan(150);
    expect(isColour(png.pixel(2, 2), '#ffffff')).toBe(true);
  });

  it('the plan list offers the picture', async () => {
    h = await CoachHarness.create();
    await h.onboard();
    await h.command('plan');
    expect(await h.press('As a picture')).toMatch(/as a picture/);
  });
});
