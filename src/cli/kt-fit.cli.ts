import { plural } from '../core/text/wording.ts';
import { writeFileSync } from 'node:fs';
import { write, type CliCommand } from './cli.ts';
import { EM_ARG_OPTIONS, EM_ARG_USAGE, parseKtArgs, reportContentError, requireArg, runSettings } from './kt-args.ts';

/**
 * `pathwise kt fit --data train.csv [--out params.json]`: fits BKT
 * parameters per skill with EM and writes them as a parameters file
 * (src/kt/params-file.ts) to --out, or to stdout without it.
 */
export const ktFit: CliCommand = {
  path: ['kt', 'fit'],
  usage: `pathwise kt fit --data train.csv [--out params.json] ${EM_ARG_USAGE}`,
  summary: 'fit knowledge-tracing parameters per skill from learners’ answers (EM)',
  async run(args, io) {
    const v = parseKtArgs('kt fit', args, { ...EM_ARG_OPTIONS, data: { type: 'string' }, out: { type: 'string' } });
    const data = requireArg('kt fit', 'data', v.data);
    const settings = runSettings('kt fit', v);
    try {
      const [{ fitResponsesFile }, { paramsFileContent }] = await Promise.all([import('../kt/kt-run.ts'), import('../kt/params-file.ts')]);
      const run = await fitResponsesFile(data, settings);
      const json = JSON.stringify(paramsFileContent(run.fits, settings.em), null, 2) + '\n';
      if (v.out) writeFileSync(v.out, json);
      else io.stdout.write(json);
      const where = v.out ? ` → ${v.out}` : '';
      write(io.stderr, `fitted ${plural(run.fits.length, 'skill')} from ${plural(run.rows, 'response')} in ${run.seconds.toFixed(2)} s on ${plural(run.threads, 'thread')}${where}`);
      return 0;
    } catch (err) {
      return reportContentError(err, io.stderr);
    }
  },
};
