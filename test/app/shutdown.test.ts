/**
 * The one shutdown order (src/app/shutdown.ts): stages in their written
 * order whatever order things were opened in, the last opened first within a
 * stage, every step run even when one fails, and only once.
 */
import { describe, expect, it } from 'vitest';
import { Shutdown, type ShutdownStage } from '../../src/app/shutdown.ts';

describe('Shutdown', () => {
  it('closes stage by stage in the written order, the last opened first within a stage', async () => {
    const s = new Shutdown();
    const ran: string[] = [];
    const add = (stage: ShutdownStage, name: string) => s.add(stage, name, () => void ran.push(name));
    add('log', 'log file');
    add('stores', 'learner store');
    add('stores', 'cohort store');
    add('jobs', 'scheduler');
    add('turns', 'coach');
    add('outbound', 'discord client');
    add('intake', 'discord interactions');
    await s.run();
    expect(ran).toEqual(['discord interactions', 'scheduler', 'coach', 'discord client', 'cohort store', 'learner store', 'log file']);
    expect(s.plan()).toEqual(ran.map((n, i) => `${['intake', 'jobs', 'turns', 'outbound', 'stores', 'stores', 'log'][i]}:${n}`));
  });

  it('runs every step even when one fails, then reports the failure; a second run does nothing more', async () => {
    const s = new Shutdown();
    const ran: string[] = [];
    s.add('jobs', 'scheduler', () => {
      throw new Error('redis went away');
    });
    s.add('stores', 'learner store', () => void ran.push('store'));
    await expect(s.run()).rejects.toThrow('redis went away');
    expect(ran).toEqual(['store']);
    await expect(s.run()).rejects.toThrow('redis went away');
    expect(ran).toEqual(['store']);
  });
});
