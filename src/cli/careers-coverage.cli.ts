import { ContentError, formatIssue, UserError } from '../core/errors.ts';
import { write, type CliCommand } from './cli.ts';

/**
 * `pathwise careers coverage [--detail] [--json]`: for every goal, how many of
 * the in-demand technologies of its O*NET occupations a concept teaches;
 * exits 1 when a technology is unmapped or a mapping names an unknown concept.
 */
export const careersCoverage: CliCommand = {
  path: ['careers', 'coverage'],
  usage: 'pathwise careers coverage [--detail] [--json]',
  summary: "how many of the goals' O*NET in-demand technologies the roadmaps teach",
  async run(args, io, config) {
    const unknown = args.find((a) => a !== '--detail' && a !== '--json');
    if (unknown) throw new UserError('USAGE', `unknown argument ${unknown}; usage: ${this.usage}`);
    const [{ loadRoadmaps }, { loadCareerCatalogue }, { onetCoverage, formatCoverage }, { ONET_CREDIT }] = await Promise.all([
      import('../roadmaps/roadmap-files.ts'),
      import('../career/career-files.ts'),
      import('../core/career/onet-coverage.ts'),
      import('../core/career/occupation.ts'),
    ]);
    try {
      const report = onetCoverage(loadRoadmaps(config.roadmapsDir).graph, loadCareerCatalogue());
      if (args.includes('--json')) write(io.stdout, JSON.stringify({ ...report, credit: ONET_CREDIT }));
      else write(io.stdout, `${formatCoverage(report, { detail: args.includes('--detail') })}\n\n${ONET_CREDIT}`);
      return report.problems.length > 0 ? 1 : 0;
    } catch (err) {
      if (!(err instanceof ContentError)) throw err;
      write(io.stderr, err.issues.map(formatIssue).join('\n'));
      return 1;
    }
  },
};
