import { plural } from '../core/text/wording.ts';
import { write, type CliCommand } from './cli.ts';
import { EM_ARG_OPTIONS, EM_ARG_USAGE, parseKtArgs, reportContentError, requireArg, runSettings } from './kt-args.ts';

/**
 * `pathwise kt eval --train train.csv --test test.csv [--json]`: fits on
 * train, predicts every test answer one step ahead, and reports AUC and RMSE
 * (test rows on skills absent from train are counted in skippedRows, not scored).
 */
export const ktEval: CliCommand = {
  path: ['kt', 'eval'],
  usage: `pathwise kt eval --train train.csv --test test.csv [--json] ${EM_ARG_USAGE}`,
  summary: 'fit on train, predict each test answer from the earlier ones, report AUC and RMSE',
  async run(args, io) {
    const v = parseKtArgs('kt eval', args, { ...EM_ARG_OPTIONS, train: { type: 'string' }, test: { type: 'string' }, json: { type: 'boolean' } });
    const train = requireArg('kt eval', 'train', v.train);
    const test = requireArg('kt eval', 'test', v.test);
    const settings = runSettings('kt eval', v);
    try {
      const { evaluateResponseFiles } = await import('../kt/kt-run.ts');
      const { fits: _fits, ...report } = await evaluateResponseFiles(train, test, settings);
      if (v.json) {
        write(io.stdout, JSON.stringify(report));
      } else {
        const model = settings.em.forgets ? 'BKT with forgetting' : 'standard BKT';
        write(
          io.stdout,
          [
            `${model}: ${plural(report.skills, 'skill')} fitted on ${plural(report.trainRows, 'response')} in ${report.fitSeconds.toFixed(2)} s`,
            `test: AUC ${report.auc.toFixed(4)}, RMSE ${report.rmse.toFixed(4)} over ${report.testRows - report.skippedRows} responses` +
              (report.skippedRows > 0 ? ` (${report.skippedRows} on skills not in train left out)` : '') +
              ` in ${report.evalSeconds.toFixed(2)} s`,
          ].join('\n'),
        );
      }
      return 0;
    } catch (err) {
      return reportContentError(err, io.stderr);
    }
  },
};
