import type { TStore } from '../../db/connect.ts';
import { todayIn } from '../../http/today-in.ts';
import { addDays } from '../dates/add-days.ts';
import { ingestEntities } from '../ingest/ingest-entities.ts';
import { upsertRecord } from '../ingest/upsert-record.ts';
import { getEmailSettings } from '../messaging/get-email-settings.ts';
import { queueEmail } from '../messaging/queue-email.ts';
import { createOffboardingLink } from '../retention/create-offboarding-link.ts';
import { createTask } from '../tasks/create-task.ts';
import { queueWebhookEvent } from '../webhooks/queue-webhook-event.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import type { TPlaybookStep } from './playbook-definition.ts';

export type TEffectStep = Exclude<TPlaybookStep, { type: 'wait' | 'branch' | 'end' }>;

export type TStepEnrollment = {
  id: string;
  playbookId: string;
  accountId: string;
  context: Record<string, unknown>;
};

const accountsEntity = ingestEntities.find((e) => e.path === 'accounts')!;

/**
 * Performs one step's effect and says what it did (the log's detail). Every effect carries the key
 * `playbook:<enrollmentId>:<stepId>`, so a step run again (a retry, a worker that died after the effect
 * and before the log) never doubles an email, a task or a webhook; setting an attribute, a stage or a tag
 * is idempotent in itself. Attribute and stage changes go through the ingest pipeline like an API
 * update, so health staleness and segments follow.
 */
export async function performPlaybookStep({
  store,
  workspaceId,
  enrollment,
  step,
  now,
}: {
  store: TStore;
  workspaceId: string;
  enrollment: TStepEnrollment;
  step: TEffectStep;
  now: Date;
}): Promise<Record<string, unknown>> {
  const { db } = store;
  const idempotencyKey = `playbook:${enrollment.id}:${step.id}`;
  const accountId = enrollment.accountId;
  switch (step.type) {
    case 'send_email': {
      const queued = await queueEmail({
        db,
        workspaceId,
        idempotencyKey,
        recipient: { accountId, isBillingContact: step.to === 'billing' },
        templateId: step.template_id,
        variables: await emailVariables(store, workspaceId, enrollment, step.template_id),
        now,
        source: `playbook:${enrollment.playbookId}`,
      });
      return { template_id: step.template_id, message_id: queued.messageId, status: queued.status };
    }
    case 'create_task': {
      const workspace = await getWorkspace({ db, workspaceId });
      const task = await createTask({
        db,
        workspaceId,
        accountId,
        title: step.title,
        description: step.description ?? null,
        ownerEmail: step.owner === 'account_owner' ? undefined : step.owner,
        dueOn: addDays(todayIn(workspace.timezone, now), step.due_in_days),
        priority: step.priority,
        source: 'playbook',
        sourcePlaybookId: enrollment.playbookId,
        sourceEnrollmentId: enrollment.id,
        idempotencyKey,
      });
      return { task_id: task.id, owner_email: task.owner_email, due_on: task.due_on };
    }
    case 'webhook': {
      const eventType = step.event_type ?? 'playbook.webhook';
      const queued = await queueWebhookEvent({
        db,
        workspaceId,
        eventType,
        idempotencyKey,
        endpointId: step.endpoint_id,
        payload: {
          playbook_id: enrollment.playbookId,
          enrollment_id: enrollment.id,
          account_id: accountId,
          step_id: step.id,
          context: enrollment.context,
        },
      });
      return { event_type: eventType, delivery_ids: queued.deliveryIds };
    }
    case 'set_attribute':
    case 'set_stage': {
      const name = await accountName(store, workspaceId, accountId);
      const change =
        step.type === 'set_attribute'
          ? { attributes: { [step.name]: step.value } }
          : { lifecycle_stage: step.stage };
      const result = await upsertRecord({
        store,
        workspaceId,
        target: accountsEntity,
        record: { id: accountId, name, ...change },
      });
      return { ...change, status: result.status };
    }
    case 'add_tag':
      await db
        .insertInto('account_tags')
        .values({ workspace_id: workspaceId, account_id: accountId, tag: step.tag, created_at: now })
        .onConflict((oc) => oc.doNothing())
        .execute();
      return { tag: step.tag };
    case 'remove_tag':
      await db
        .deleteFrom('account_tags')
        .where('workspace_id', '=', workspaceId)
        .where('account_id', '=', accountId)
        .where('tag', '=', step.tag)
        .execute();
      return { tag: step.tag };
  }
}

async function accountName(store: TStore, workspaceId: string, accountId: string): Promise<string> {
  const row = await store.db
    .selectFrom('accounts')
    .select('name')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
  return row.name;
}

/**
 * The account's name and owner, and the trigger's facts that are plain values, for the template; the
 * offboarding survey also gets its signed link (`survey_url`), on the email settings' public address.
 */
async function emailVariables(
  store: TStore,
  workspaceId: string,
  enrollment: TStepEnrollment,
  templateId: string,
): Promise<Record<string, string | number | null>> {
  const account = await store.db
    .selectFrom('accounts')
    .select(['name', 'owner_email'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', enrollment.accountId)
    .executeTakeFirstOrThrow();
  const variables: Record<string, string | number | null> = {};
  for (const [key, value] of Object.entries(enrollment.context)) {
    if (typeof value === 'string' || typeof value === 'number') variables[key] = value;
  }
  if (templateId === 'offboarding_survey') {
    const { public_url } = await getEmailSettings({ db: store.db, workspaceId });
    const link = await createOffboardingLink({
      db: store.db,
      workspaceId,
      accountId: enrollment.accountId,
      baseUrl: public_url,
    });
    variables.survey_url = link.url;
  }
  return { ...variables, account_name: account.name, owner_email: account.owner_email };
}
