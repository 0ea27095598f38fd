import { type Command, Option } from 'commander';
import { FEEDBACK_SOURCES, findFeedbackThemes } from '../../modules/feedback/find-feedback-themes.ts';
import { resolveContext, withStore } from '../context.ts';
import { createFormatters } from '../output/format-values.ts';
import { printOutput } from '../output/print-output.ts';
import { parseDate, parsePositiveInt } from '../parse-args.ts';

type TTheme = Awaited<ReturnType<typeof findFeedbackThemes>>['themes'][number];
type TOptions = {
  from?: string;
  to?: string;
  source?: (typeof FEEDBACK_SOURCES)[number];
  account?: string[];
  limit?: number;
};

const EXAMPLE_WIDTH = 60;

export function registerFeedbackCommands(program: Command): void {
  const feedback = program.command('feedback').description('what customers say in surveys and tickets');
  feedback
    .command('themes')
    .description('themes of survey comments and ticket subjects (English and Spanish), largest first')
    .option('--from <YYYY-MM-DD>', 'first day (default 90 days before --to)', parseDate)
    .option('--to <YYYY-MM-DD>', 'last day (default today in the workspace time zone)', parseDate)
    .addOption(new Option('--source <source>', 'only this source (default both)').choices(FEEDBACK_SOURCES))
    .option('--account <id...>', 'only these accounts')
    .option('--limit <n>', 'at most this many themes (default 20, at most 100)', parsePositiveInt)
    .action(async (options: TOptions, command: Command) => {
      const context = resolveContext(command);
      const result = await withStore(context, (store) =>
        findFeedbackThemes({
          db: store.db,
          workspaceId: context.workspaceId,
          from: options.from,
          to: options.to,
          sources: options.source ? [options.source] : undefined,
          accountIds: options.account,
          limit: options.limit,
        }),
      );
      const f = createFormatters({ currency: result.currency, color: context.isStdoutTty });
      const fixFirst = new Map(result.fix_first.map((theme, index) => [theme.theme, index + 1]));
      printOutput<TTheme>({
        format: context.format,
        json: result,
        rows: result.themes.map(({ keywords, stems, examples, languages, ...theme }) => ({
          ...theme,
          currency: result.currency,
          keywords: keywords.join(' '),
          languages_en: languages.en,
          languages_es: languages.es,
          fix_first_rank: fixFirst.get(theme.theme) ?? null,
          example: examples[0]?.text ?? null,
        })),
        table: {
          title: `${result.from} – ${result.to}: ${f.count(result.texts)} texts, ${f.count(result.themed)} in themes${
            result.truncated ? ' (the newest only)' : ''
          }`,
          rows: result.themes,
          empty: 'no theme: no two texts share a keyword in this window',
          columns: [
            { header: 'Theme', value: (t) => t.theme, align: 'left' },
            { header: 'Count', value: (t) => f.count(t.count) },
            { header: 'Share', value: (t) => f.rate(t.share) },
            { header: 'Det/Pas/Pro', value: (t) => `${t.detractors}/${t.passives}/${t.promoters}` },
            { header: 'MRR', value: (t) => f.money(t.mrr) },
            { header: 'Fix first', value: (t) => (fixFirst.has(t.theme) ? `#${fixFirst.get(t.theme)}` : '') },
            { header: 'Example', value: (t) => truncate(t.examples[0]?.text ?? ''), align: 'left' },
          ],
        },
      });
    });
}

function truncate(text: string): string {
  return text.length > EXAMPLE_WIDTH ? `${text.slice(0, EXAMPLE_WIDTH - 1)}…` : text;
}
