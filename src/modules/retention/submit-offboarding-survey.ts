import { createHash } from 'node:crypto';
import type { TStore } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { ingestEntities } from '../ingest/ingest-entities.ts';
import { ingestRecords } from '../ingest/ingest-records.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { getOffboardingForm, type TOffboardingForm } from './get-offboarding-form.ts';

export type TOffboardingAnswer = {
  store: TStore;
  token: string;
  reason: string;
  /** 0–10: how likely the customer is to come back. */
  score: number;
  comment?: string | null;
  lang?: string;
  /** When the answer was given (default: now). */
  now?: Date;
};

export type TOffboardingResult = {
  form: TOffboardingForm;
  survey_response_id: string;
  /** The subscription that received the reason; null when none was cancelled or it had a reason already. */
  subscription_id: string | null;
};

/**
 * Stores an offboarding survey answer through the ingest pipeline (so record hooks, health and metrics see
 * it as any imported response): a `survey_responses` record of survey `offboarding` with the score and
 * comment, whose id derives from the token, so answering the same link again updates the one response.
 * The reason goes where reports read it: the `cancellation_reason` (and comment) of the account's most
 * recently cancelled subscription, only when that subscription has no reason yet; what billing recorded
 * wins over what the survey says.
 */
export async function submitOffboardingSurvey(input: TOffboardingAnswer): Promise<TOffboardingResult> {
  const { store } = input;
  const form = await getOffboardingForm({ db: store.db, token: input.token, lang: input.lang });
  const fail = (field: string, message: string) =>
    new AppError('invalid_input', `${field}: ${message}`, [{ field, message }]);
  if (!form.reasons.some((r) => r.code === input.reason)) throw fail('reason', 'choose one of the reasons');
  if (!Number.isInteger(input.score) || input.score < 0 || input.score > 10) {
    throw fail('score', 'expected a whole number from 0 to 10');
  }
  const comment = input.comment?.trim() || null;
  if (comment && comment.length > 5000) throw fail('comment', 'at most 5000 characters');
  const { workspaceId, accountId, contactId } = form;
  const workspace = await getWorkspace({ db: store.db, workspaceId });
  const ctx = { workspaceId, timezone: workspace.timezone, reportingCurrency: workspace.reportingCurrency };
  const responseId = `offboarding-${createHash('sha256').update(input.token).digest('hex').slice(0, 24)}`;
  await ingestRecords({
    store,
    ctx,
    entity: entityOf('survey_responses'),
    records: [
      {
        id: responseId,
        account_id: accountId,
        contact_id: contactId,
        survey: 'offboarding',
        score: input.score,
        comment,
        responded_at: (input.now ?? new Date()).toISOString(),
      },
    ],
    isAtomic: true,
    noun: 'survey response',
  });
  const subscription = await store.db
    .selectFrom('subscriptions')
    .select(['id', 'status', 'cancellation_reason', 'cancellation_comment'])
    .where('workspace_id', '=', workspaceId)
    .where('account_id', '=', accountId)
    .where((eb) => eb.or([eb('cancelled_at', 'is not', null), eb('status', '=', 'cancelled')]))
    .orderBy('cancelled_at', (ob) => ob.desc().nullsLast())
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!subscription || subscription.cancellation_reason) {
    return { form, survey_response_id: responseId, subscription_id: null };
  }
  await ingestRecords({
    store,
    ctx,
    entity: entityOf('subscriptions'),
    records: [
      {
        id: subscription.id,
        account_id: accountId,
        status: subscription.status,
        cancellation_reason: input.reason,
        cancellation_comment: subscription.cancellation_comment ?? comment,
      },
    ],
    isAtomic: true,
    noun: 'subscription',
  });
  return { form, survey_response_id: responseId, subscription_id: subscription.id };
}

function entityOf(name: 'survey_responses' | 'subscriptions') {
  return ingestEntities.find((e) => e.entity.name === name)!.entity;
}
