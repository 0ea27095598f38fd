import fs from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import type { Command } from 'commander';
import { AppError } from '../../errors.ts';
import { createScorecard } from '../../modules/health/create-scorecard.ts';
import { ensureDefaultScorecard } from '../../modules/health/ensure-default-scorecard.ts';
import { findScorecards } from '../../modules/health/find-scorecards.ts';
import { getScorecard } from '../../modules/health/get-scorecard.ts';
import { parseScorecardInput } from '../../modules/health/scorecard-input.ts';
import type { TScorecard } from '../../modules/health/scorecard-row.ts';
import { updateScorecard } from '../../modules/health/update-scorecard.ts';
import { resolveContext, withStore } from '../context.ts';
import { printOutput } from '../output/print-output.ts';
import { parsePositiveInt } from '../parse-args.ts';

type TMeasure = TScorecard['definition']['measures'][number];

const appliesText = (s: TScorecard) =>
  s.is_default
    ? 'default'
    : s.applies_to
      ? [
          s.applies_to.segment_id && `segment ${s.applies_to.segment_id}`,
          s.applies_to.stage && `stage ${s.applies_to.stage}`,
        ]
          .filter(Boolean)
          .join(' and ')
      : 'none';

const ruleText = (rule: TMeasure['rule']) => {
  if (rule.type === 'thresholds') {
    return rule.thresholds.map((t) => `[${t.min ?? '−∞'}, ${t.max ?? '∞'})→${t.score}`).join(' ');
  }
  const range = rule.type === 'linear_bounded' ? ` (${rule.floor}..${rule.ceiling})` : '';
  return `${rule.type} ${rule.worst}→${rule.best}${range}`;
};

/** Reads and validates a scorecard file; errors name the file and the JSON path of each problem. */
function readScorecardFile(file: string) {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AppError('invalid_input', `${file}: ${(error as Error).message}`);
  }
  try {
    const input = parseScorecardInput(raw);
    if (!input.id) throw new AppError('invalid_input', 'invalid scorecard: id: required');
    return { ...input, id: input.id };
  } catch (error) {
    if (error instanceof AppError) throw new AppError(error.code, `${file}: ${error.message}`, error.details);
    throw error;
  }
}

export function registerHealthScorecardsCommands(health: Command): void {
  const scorecards = health
    .command('scorecards')
    .description('health scorecards (JSON definitions, versioned)');
  scorecards
    .command('list')
    .description('the latest version of every scorecard')
    .action(async (_options: unknown, command: Command) => {
      const context = resolveContext(command);
      const result = await withStore(context, async (store) => {
        await ensureDefaultScorecard({ db: store.db, workspaceId: context.workspaceId });
        return findScorecards({ db: store.db, workspaceId: context.workspaceId });
      });
      printOutput<(typeof result)[number]>({
        format: context.format,
        json: { scorecards: result },
        rows: result.map(({ definition, applies_to, ...s }) => ({
          ...s,
          segment_id: applies_to?.segment_id ?? null,
          stage: applies_to?.stage ?? null,
          measures: definition.measures.length,
        })),
        table: {
          rows: result,
          columns: [
            { header: 'Id', value: (s) => s.id, align: 'left' },
            { header: 'Name', value: (s) => s.name, align: 'left' },
            { header: 'Version', value: (s) => `v${s.version} (${s.versions})` },
            { header: 'Applies to', value: appliesText, align: 'left' },
            { header: 'Measures', value: (s) => String(s.definition.measures.length) },
            { header: 'Created', value: (s) => s.created_at.slice(0, 10), align: 'left' },
          ],
        },
      });
    });
  scorecards
    .command('show <id>')
    .description('one scorecard: its measures, rules and weights')
    .option('--version <n>', 'this version (default the latest)', parsePositiveInt)
    .action(async (id: string, options: { version?: number }, command: Command) => {
      const context = resolveContext(command);
      const result = await withStore(context, async (store) => {
        await ensureDefaultScorecard({ db: store.db, workspaceId: context.workspaceId });
        return getScorecard({ db: store.db, workspaceId: context.workspaceId, id, version: options.version });
      });
      const bands = result.definition.bands ?? { red_below: 40, green_from: 70 };
      printOutput<TMeasure>({
        format: context.format,
        json: result,
        rows: result.definition.measures.map((m) => ({
          scorecard_id: result.id,
          version: result.version,
          ...m,
          rule: JSON.stringify(m.rule),
        })),
        table: {
          title:
            `${result.name} (${result.id} v${result.version} of ${result.versions.length}; applies to ${appliesText(result)}): ` +
            `red < ${bands.red_below} ≤ yellow < ${bands.green_from} ≤ green`,
          rows: result.definition.measures,
          columns: [
            { header: 'Measure', value: (m) => m.key, align: 'left' },
            { header: 'Label', value: (m) => m.label, align: 'left' },
            { header: 'Metric', value: (m) => m.metric, align: 'left' },
            { header: 'Group', value: (m) => m.group ?? '', align: 'left' },
            { header: 'Weight', value: (m) => String(m.weight) },
            { header: 'Rule', value: (m) => ruleText(m.rule), align: 'left' },
          ],
        },
      });
    });
  scorecards
    .command('apply <file>')
    .description('create a scorecard from a JSON file with an "id", or save a new version when it changed')
    .action(async (file: string, _options: unknown, command: Command) => {
      const context = resolveContext(command);
      const input = readScorecardFile(file);
      const { result, status } = await withStore(context, async (store) => {
        const { db } = store;
        const workspaceId = context.workspaceId;
        await ensureDefaultScorecard({ db, workspaceId });
        const current = await getScorecard({ db, workspaceId, id: input.id }).catch((error: unknown) => {
          if (error instanceof AppError && error.code === 'not_found') return null;
          throw error;
        });
        if (!current) {
          const created = await createScorecard({ db, workspaceId, ...input });
          return { result: created, status: 'created' as const };
        }
        // Applying the same file twice must not pile up identical versions.
        if (
          isDeepStrictEqual(current.definition, input.definition) &&
          isDeepStrictEqual(current.applies_to, input.appliesTo)
        ) {
          return { result: current, status: 'unchanged' as const };
        }
        return { result: await updateScorecard({ db, workspaceId, ...input }), status: 'updated' as const };
      });
      const text = `${status} ${result.id} v${result.version} (${result.name})`;
      if (context.format === 'table') {
        process.stdout.write(`${text}\n`);
        return;
      }
      printOutput({
        format: context.format,
        json: { status, scorecard: result },
        rows: [{ status, id: result.id, version: result.version, name: result.name }],
        table: { rows: [], columns: [] },
      });
    });
}
