import type { TDb } from '../../db/connect.ts';
import { todayIn } from '../../http/today-in.ts';
import { addDays } from '../dates/add-days.ts';
import { findRecipient } from '../messaging/find-recipient.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { findEligibleAccountIds } from './find-eligible-account-ids.ts';
import { findTriggerMatches } from './find-trigger-matches.ts';
import { parsePlaybookDefinition, type TPlaybookDefinition } from './playbook-definition.ts';
import { EVALUATION_OVERLAP_MS, enrollmentIdOf, FIRST_EVALUATION_LOOKBACK_MS } from './playbook-shape.ts';

export type TDryRunStep = { step_id: string; type: string; at: string } & Record<string, unknown>;

export type TDryRunEntry = {
  account_id: string;
  account_name: string;
  occurrence_key: string;
  occurred_at: string;
  why: { trigger: string; context: Record<string, unknown> };
  steps: TDryRunStep[];
};

export type TDryRun = {
  since: string;
  now: string;
  entering: TDryRunEntry[];
  skipped: { account_id: string; occurrence_key: string; reason: string }[];
};

const DAY_MS = 86_400_000;
const MAX_STEPS = 100;

/**
 * Who would enter the playbook now and what would happen to each, without writing anything: the trigger's
 * matches in (since, now] (default: the saved playbook's watermark, else what a new playbook's first
 * evaluation sees), filtered by the conditions and the enrollment rules exactly as `evaluatePlaybooks`
 * does, then every step rendered on a simulated clock: the email's template and recipient, the task's
 * title, owner and due date, waits with their end, branches evaluated on the account as it is now.
 */
export async function dryRunPlaybook({
  db,
  workspaceId,
  definition: input,
  playbookId,
  since: sinceInput,
  now,
}: {
  db: TDb;
  workspaceId: string;
  definition: unknown;
  /** A saved playbook: its watermark and enrollments apply. */
  playbookId?: string;
  since?: Date;
  now: Date;
}): Promise<TDryRun> {
  const definition = parsePlaybookDefinition(input);
  const watermark = playbookId
    ? await db
        .selectFrom('playbook_watermarks')
        .select(['evaluated_until', 'active_from'])
        .where('workspace_id', '=', workspaceId)
        .where('playbook_id', '=', playbookId)
        .executeTakeFirst()
    : undefined;
  const since =
    sinceInput ??
    (watermark
      ? new Date(
          Math.max(
            watermark.evaluated_until.getTime() - EVALUATION_OVERLAP_MS,
            watermark.active_from.getTime(),
          ),
        )
      : new Date(now.getTime() - FIRST_EVALUATION_LOOKBACK_MS));
  const matches = await findTriggerMatches({ db, workspaceId, trigger: definition.trigger, since, now });
  const eligible = await findEligibleAccountIds({
    db,
    workspaceId,
    accountIds: [...new Set(matches.map((m) => m.accountId))],
    conditions: definition.conditions,
    now,
  });
  const workspace = await getWorkspace({ db, workspaceId });
  const result: TDryRun = { since: since.toISOString(), now: now.toISOString(), entering: [], skipped: [] };
  const entered = new Set<string>();
  for (const match of matches) {
    const skip = (reason: string) =>
      result.skipped.push({ account_id: match.accountId, occurrence_key: match.occurrenceKey, reason });
    if (!eligible.has(match.accountId)) {
      skip('conditions_not_met');
      continue;
    }
    const reason = await enrollmentRuleBlocking(db, workspaceId, definition, playbookId, match, now, entered);
    if (reason) {
      skip(reason);
      continue;
    }
    entered.add(match.accountId);
    const account = await db
      .selectFrom('accounts')
      .select(['name', 'owner_email'])
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', match.accountId)
      .executeTakeFirstOrThrow();
    result.entering.push({
      account_id: match.accountId,
      account_name: account.name,
      occurrence_key: match.occurrenceKey,
      occurred_at: match.occurredAt.toISOString(),
      why: { trigger: definition.trigger.kind, context: match.context },
      steps: await renderSteps({
        db,
        workspaceId,
        definition,
        accountId: match.accountId,
        ownerEmail: account.owner_email,
        timezone: workspace.timezone,
        now,
      }),
    });
  }
  return result;
}

async function enrollmentRuleBlocking(
  db: TDb,
  workspaceId: string,
  definition: TPlaybookDefinition,
  playbookId: string | undefined,
  match: { accountId: string; occurrenceKey: string },
  now: Date,
  enteredThisRun: Set<string>,
): Promise<string | undefined> {
  const oncePerDays = definition.enrollment?.once_per_days;
  if (oncePerDays !== undefined && enteredThisRun.has(match.accountId))
    return 'enrolled_within_once_per_days';
  if (!playbookId) return undefined;
  const existing = await db
    .selectFrom('playbook_enrollments')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', enrollmentIdOf(playbookId, match.occurrenceKey))
    .executeTakeFirst();
  if (existing) return 'already_enrolled';
  if (oncePerDays === undefined) return undefined;
  const recent = await db
    .selectFrom('playbook_enrollments')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('playbook_id', '=', playbookId)
    .where('account_id', '=', match.accountId)
    .where('enrolled_at', '>', new Date(now.getTime() - oncePerDays * DAY_MS))
    .executeTakeFirst();
  return recent ? 'enrolled_within_once_per_days' : undefined;
}

async function renderSteps({
  db,
  workspaceId,
  definition,
  accountId,
  ownerEmail,
  timezone,
  now,
}: {
  db: TDb;
  workspaceId: string;
  definition: TPlaybookDefinition;
  accountId: string;
  ownerEmail: string | null;
  timezone: string;
  now: Date;
}): Promise<TDryRunStep[]> {
  const steps: TDryRunStep[] = [];
  let at = now;
  let index = 0;
  while (index < definition.steps.length && steps.length < MAX_STEPS) {
    const step = definition.steps[index]!;
    const base = { step_id: step.id, type: step.type, at: at.toISOString() };
    let next = index + 1;
    switch (step.type) {
      case 'send_email': {
        const recipient = await findRecipient({
          db,
          workspaceId,
          recipient: { accountId, isBillingContact: step.to === 'billing' },
        });
        steps.push({ ...base, template_id: step.template_id, to: recipient?.email ?? null });
        break;
      }
      case 'create_task':
        steps.push({
          ...base,
          title: step.title,
          owner_email: step.owner === 'account_owner' ? ownerEmail : step.owner,
          due_on: addDays(todayIn(timezone, at), step.due_in_days),
          priority: step.priority,
        });
        break;
      case 'webhook':
        steps.push({
          ...base,
          event_type: step.event_type ?? 'playbook.webhook',
          endpoint_id: step.endpoint_id ?? null,
        });
        break;
      case 'set_attribute':
        steps.push({ ...base, name: step.name, value: step.value });
        break;
      case 'set_stage':
        steps.push({ ...base, stage: step.stage });
        break;
      case 'add_tag':
      case 'remove_tag':
        steps.push({ ...base, tag: step.tag });
        break;
      case 'wait':
        at = new Date(at.getTime() + step.days * DAY_MS);
        steps.push({ ...base, days: step.days, until: at.toISOString() });
        break;
      case 'branch': {
        const matched = await findEligibleAccountIds({
          db,
          workspaceId,
          accountIds: [accountId],
          conditions: { filter: step.if },
          now,
        });
        const result = matched.has(accountId);
        const target = result ? step.then : step.else;
        steps.push({ ...base, if: step.if, result, next: target ?? definition.steps[index + 1]?.id ?? null });
        if (target !== undefined) next = definition.steps.findIndex((s) => s.id === target);
        break;
      }
      case 'end':
        steps.push(base);
        return steps;
    }
    index = next;
  }
  return steps;
}
