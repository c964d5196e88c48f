import { resolve } from 'node:path';
import { write, type CliCommand } from './cli.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** `pathwise roadmaps stats [dir] [--json]`: what the content holds, per goal and per concept. */
export const roadmapsStats: CliCommand = {
  path: ['roadmaps', 'stats'],
  usage: 'pathwise roadmaps stats [dir] [--json]',
  summary: 'per goal and concept: quiz items (apply level), resources and types, minutes, cue score, plan hours',
  async run(args, io, config) {
    const json = args.includes('--json');
    const dirArg = args.find((a) => !a.startsWith('--'));
    const dir = dirArg ? resolve(dirArg) : config.roadmapsDir;
    const [{ loadRoadmaps }, { contentStats }, { planPath }] = await Promise.all([
      import('../roadmaps/roadmap-files.ts'),
      import('../core/graph/content-stats.ts'),
      import('../core/plan/planner.ts'),
    ]);
    const { graph } = loadRoadmaps(dir);
    const stats = contentStats(graph, (goal) => {
      try {
        const p = planPath(graph, { goals: [goal], mastery: {}, preferences: { preferredFormats: [], avoidedFormats: [], minutesPerDay: 60 } });
        return Math.round(p.totalMinutes / 6) / 10;
      } catch {
        return null;
      }
    });
    // What employers ask for (O*NET's in-demand technologies of each goal's occupations) that the graph teaches.
    const [{ loadCareerCatalogue }, { onetCoverage, formatCoverage }, { ONET_CREDIT }] = await Promise.all([
      import('../career/career-files.ts'),
      import('../core/career/onet-coverage.ts'),
      import('../core/career/occupation.ts'),
    ]);
    const onet = onetCoverage(graph, loadCareerCatalogue());
    if (json) {
      write(io.stdout, JSON.stringify({ ...stats, onet, onetCredit: ONET_CREDIT }, null, 2));
      return 0;
    }
    const t = stats.totals;
    write(io.stdout, `${t.concepts} concepts, ${t.resources} resources, ${t.items} quiz items (${t.applyItems} at apply level or above, ${pct(t.applyItems / Math.max(1, t.items))}), ${t.goals} goals`);
    write(io.stdout, `always-pick-the-longest scores ${pct(t.longestPick)} over the bank; ${t.cuedItems} cued item(s)`);
    write(io.stdout, `resource types: ${Object.entries(t.resourceTypes).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);
    const list = (what: string, ids: string[]) => write(io.stdout, `${what}: ${ids.length === 0 ? 'none' : `${ids.length} (${ids.join(', ')})`}`);
    list('concepts with fewer than 7 items', t.conceptsUnder7Items);
    list('concepts with fewer than 3 apply-level items', t.conceptsUnder3Apply);
    list('concepts with fewer than 2 resource types', t.conceptsUnder2Types);
    list('concepts no set of resources covers in full', t.conceptsNotCoverable);
    list('resources over 600 min with no parts', t.resourcesOver600MinInOnePiece);
    write(io.stdout, '\ngoal | lang | concepts | items (apply) | resources | phases | levels | longest-pick | plan hours from zero');
    for (const g of stats.goals) {
      write(io.stdout, `${g.id} | ${g.language ?? '-'} | ${g.concepts} | ${g.items} (${g.applyItems}) | ${g.resources} | ${g.phases} | ${g.levels} | ${pct(g.longestPick)} | ${g.planHours ?? 'no plan'}`);
    }
    write(io.stdout, `\nO*NET in-demand technologies of the goals' occupations:\n${formatCoverage(onet)}\n${ONET_CREDIT}`);
    write(io.stdout, '\nconcept | items (apply) | resources | types | minutes | coverage | longest-pick');
    for (const c of stats.concepts) {
      write(io.stdout, `${c.id} | ${c.items} (${c.applyItems}) | ${c.resources} | ${c.types.join('/')} | ${c.minutes} | ${c.coverage.toFixed(2)} | ${pct(c.longestPick)}`);
    }
    return 0;
  },
};
