import { sql } from 'kysely';
import { z } from 'zod';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { addDays } from '../dates/add-days.ts';
import { parseDay } from '../revenue/sql-periods.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { describeTheme, type TAnalysedText, type TFeedbackExample } from './describe-theme.ts';
import { extractTerms } from './extract-terms.ts';
import { findFeedbackTexts, type TFeedbackSource } from './find-feedback-texts.ts';
import { groupTexts } from './group-texts.ts';
import { rankFixFirst, type TFixFirst } from './rank-fix-first.ts';
import { sumThemeMrr } from './sum-theme-mrr.ts';

export const FEEDBACK_SOURCES = ['surveys', 'tickets'] as const;

export const ZFeedbackThemesOptions = z.object({
  from: z.string().optional(),
  to: z.string().optional(),
  sources: z.array(z.enum(FEEDBACK_SOURCES)).min(1).optional(),
  accountIds: z.array(z.string().min(1)).optional(),
  limit: z.number().int().min(1).max(100).optional(),
});
export type TFeedbackThemesOptions = z.infer<typeof ZFeedbackThemesOptions>;

export type TFeedbackTheme = {
  theme: string;
  keywords: string[];
  stems: string[];
  count: number;
  share: number;
  accounts: number;
  languages: { en: number; es: number };
  nps_responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  promoter_share: number | null;
  passive_share: number | null;
  detractor_share: number | null;
  mrr: number;
  examples: TFeedbackExample[];
};

export type TFeedbackThemes = {
  from: string;
  to: string;
  currency: string;
  sources: TFeedbackSource[];
  texts: number;
  themed: number;
  truncated: boolean;
  languages: { en: number; es: number };
  themes: TFeedbackTheme[];
  fix_first: TFixFirst[];
};

/** Texts read at most (the newest): comments are tens of thousands; this bounds memory and time. */
export const MAX_TEXTS = 50_000;
const DEFAULT_DAYS = 90;
const MIN_THEME_TEXTS = 2;
const MAX_THEMES = 500;

/**
 * Feedback themes (issue 3, item 4): survey comments and ticket subjects of the window, in English and
 * Spanish, grouped by their strongest keyword (extract-terms.ts, group-texts.ts), ranked by frequency,
 * each with its NPS mix, examples and the MRR of the accounts that raised it, plus what to fix first
 * (rank-fix-first.ts). Defaults: the last 90 days to today (workspace time zone), both sources, 20 themes.
 * A theme needs at least two texts; `texts − themed` texts fit no theme. `fix_first` weighs every theme
 * found, not only the `limit` largest: a rarer complaint of the biggest accounts can come first.
 */
export async function findFeedbackThemes({
  db,
  workspaceId,
  ...options
}: { db: TDb; workspaceId: string } & TFeedbackThemesOptions): Promise<TFeedbackThemes> {
  const parsed = ZFeedbackThemesOptions.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('invalid_input', `${issue.path.join('.') || 'options'}: ${issue.message}`);
  }
  const { sources = [...FEEDBACK_SOURCES], accountIds, limit = 20 } = parsed.data;
  const workspace = await getWorkspace({ db, workspaceId });
  const { from, to } = await resolveWindow(db, workspace.timezone, parsed.data.from, parsed.data.to);
  const rows = await findFeedbackTexts({
    db,
    workspaceId,
    timezone: workspace.timezone,
    from,
    to,
    sources,
    accountIds,
    cap: MAX_TEXTS + 1,
  });
  const truncated = rows.length > MAX_TEXTS;
  const texts: TAnalysedText[] = rows
    .slice(0, MAX_TEXTS)
    .map((row) => ({ ...row, ...extractTerms(row.text) }));
  const groups = groupTexts(texts, { minCount: MIN_THEME_TEXTS, maxGroups: MAX_THEMES });
  const accountsOf = new Map(
    groups.map((group) => [group.key, new Set(group.indexes.map((index) => texts[index]!.account_id))]),
  );
  const mrrOf = await sumThemeMrr({ db, workspaceId, timezone: workspace.timezone, groups: accountsOf });
  const themes = groups.map((group) => {
    const members = group.indexes.map((index) => texts[index]!);
    const nps = members.filter((text) => text.survey === 'nps' && text.score !== null).map((t) => t.score!);
    const promoters = nps.filter((score) => score >= 9).length;
    const passives = nps.filter((score) => score >= 7 && score < 9).length;
    const detractors = nps.length - promoters - passives;
    const { theme, keywords, stems, examples } = describeTheme(group.key, members);
    return {
      theme,
      keywords,
      stems,
      count: members.length,
      share: fraction(members.length, texts.length)!,
      accounts: accountsOf.get(group.key)!.size,
      languages: countLanguages(members),
      nps_responses: nps.length,
      promoters,
      passives,
      detractors,
      promoter_share: fraction(promoters, nps.length),
      passive_share: fraction(passives, nps.length),
      detractor_share: fraction(detractors, nps.length),
      mrr: mrrOf.get(group.key) ?? 0,
      examples,
    };
  });
  return {
    from,
    to,
    currency: workspace.reportingCurrency,
    sources,
    texts: texts.length,
    themed: themes.reduce((sum, theme) => sum + theme.count, 0),
    truncated,
    languages: countLanguages(texts),
    themes: themes.slice(0, limit),
    fix_first: rankFixFirst(themes, limit),
  };
}

/** `from`..`to` as days; `YYYY-MM` means the month's first (from) or last (to) day. */
async function resolveWindow(db: TDb, timezone: string, from?: string, to?: string) {
  const end = to
    ? parseDay(to, 'end', 'to')
    : (
        await sql<{
          today: string;
        }>`select to_char(now() at time zone ${timezone}::text, 'YYYY-MM-DD') as today`.execute(db)
      ).rows[0]!.today;
  const start = from ? parseDay(from, 'start', 'from') : addDays(end, 1 - DEFAULT_DAYS);
  if (start > end) throw new AppError('invalid_input', `from ${start} is after to ${end}`);
  return { from: start, to: end };
}

/** Rates of shared/spec/cli.md: fractions rounded to 6 decimals, null over 0. */
function fraction(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator / denominator) * 1e6) / 1e6;
}

function countLanguages(texts: readonly { language: 'en' | 'es' }[]): { en: number; es: number } {
  return {
    en: texts.filter((text) => text.language === 'en').length,
    es: texts.filter((text) => text.language === 'es').length,
  };
}
