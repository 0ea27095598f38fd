import type { TFormat } from '../format.ts';
import { isMessageKey, type TMessageKey, type TTranslate } from '../i18n.ts';
import type { TPlaybookStep, TPlaybookTrigger } from '../types.ts';

const list = (value: unknown) => (Array.isArray(value) ? value.join(', ') : '');
const text = (value: unknown, fallback = '—') =>
  value === undefined || value === null || value === '' ? fallback : String(value);

/** Where the words for a trigger's or step's codes live; a code without words (a custom reason) shows as is. */
const CODE_KEYS = {
  stage: (code) => `accounts.stage.${code}`,
  band: (code) => `band.${code}`,
  tier: (code) => `tier.${code}`,
  category: (code) => `playbooks.category.${code}`,
  decline: (code) => (code === 'any' ? 'playbooks.decline.any' : `dunning.${code}`),
  reason: (code) => `playbooks.reason.${code}`,
} satisfies Record<string, (code: string) => string>;

function codeLabel(t: TTranslate, kind: keyof typeof CODE_KEYS, code: unknown): string {
  const value = text(code);
  const key = CODE_KEYS[kind](value);
  if (!isMessageKey(key)) return value;
  // Inside a sentence: `to red`, `a rojo`; a tier keeps its capitals (VIP).
  return kind === 'tier' ? t(key) : t(key).toLowerCase();
}

function codeList(t: TTranslate, kind: keyof typeof CODE_KEYS, values: unknown): string {
  return Array.isArray(values) ? values.map((value) => codeLabel(t, kind, value)).join(', ') : '';
}

/** Which codes a trigger's `from`/`to` lists hold. */
const CHANGE_KIND: Record<string, keyof typeof CODE_KEYS> = {
  health_band_changed: 'band',
  stage_changed: 'stage',
  tier_changed: 'tier',
};

/** A trigger in words (`Renewal due in 90 days`), with its from/to lists when it has them. */
export function triggerSummary(t: TTranslate, trigger: TPlaybookTrigger): string {
  const values: Record<string, string | number> = {
    points: text(trigger.points),
    days: text(trigger.days),
    segment: text(trigger.segment_id),
    survey: text(trigger.survey, 'nps').toUpperCase(),
    category: codeLabel(t, 'category', trigger.category),
    decline: codeLabel(t, 'decline', trigger.decline ?? 'any'),
    event: text(trigger.event),
    count: text(trigger.min_count),
  };
  const key = `trigger.${trigger.kind}` as TMessageKey;
  const parts = [t(key, values)];
  const change = CHANGE_KIND[trigger.kind];
  const labels = (codes: unknown) => (change ? codeList(t, change, codes) : list(codes));
  if (list(trigger.from)) parts.push(t('trigger.from', { values: labels(trigger.from) }));
  if (list(trigger.to)) parts.push(t('trigger.to', { values: labels(trigger.to) }));
  if (list(trigger.reasons))
    parts.push(t('trigger.reasons', { values: codeList(t, 'reason', trigger.reasons) }));
  return parts.join(' ');
}

function recipient(t: TTranslate, to: unknown): string {
  if (to === 'billing' || to === 'any') return t(`step.to.${to}`);
  return text(to, t('step.nobody'));
}

function owner(t: TTranslate, step: TPlaybookStep): string {
  // A dry run names the person (`owner_email`); a definition names the rule (`owner`).
  if ('owner_email' in step) return text(step.owner_email, t('step.nobody'));
  return step.owner === undefined || step.owner === 'account_owner'
    ? t('step.owner.account_owner')
    : String(step.owner);
}

/**
 * One step in words. It reads both a definition's step and a dry run's rendering of it, which adds what
 * the step would do to one account: the recipient's address, the due date, a wait's end, a branch's result.
 */
export function stepSentence(t: TTranslate, format: TFormat, step: TPlaybookStep): string {
  const priority = t(`tasks.priority.${text(step.priority, 'normal')}` as TMessageKey).toLowerCase();
  switch (step.type) {
    case 'send_email':
      return t('step.send_email', { template: text(step.template_id), to: recipient(t, step.to) });
    case 'create_task':
      return typeof step.due_on === 'string'
        ? t('step.create_task', {
            title: text(step.title),
            owner: owner(t, step),
            priority,
            due: format.date(step.due_on),
          })
        : t(Number(step.due_in_days ?? 0) === 0 ? 'step.create_task_now' : 'step.create_task_def', {
            title: text(step.title),
            owner: owner(t, step),
            priority,
            days: text(step.due_in_days, '0'),
          });
    case 'webhook':
      return t('step.webhook', { event: text(step.event_type, 'playbook.webhook') });
    case 'set_attribute':
      return t('step.set_attribute', { name: text(step.name), value: text(step.value) });
    case 'set_stage':
      return t('step.set_stage', { stage: codeLabel(t, 'stage', step.stage) });
    case 'add_tag':
    case 'remove_tag':
      return t(`step.${step.type}`, { tag: text(step.tag) });
    case 'wait':
      return typeof step.until === 'string'
        ? t('step.waitUntil', { days: text(step.days), until: format.date(step.until) })
        : t('step.wait', { days: text(step.days) });
    case 'branch':
      return typeof step.result === 'boolean'
        ? t('step.branchResult', {
            condition: text(step.if),
            result: t(step.result ? 'step.branchTrue' : 'step.branchFalse'),
            next: text(step.next, t('step.end')),
          })
        : t('step.branch', {
            condition: text(step.if),
            yes: text(step.then),
            no: text(step.else, t('step.next')),
          });
    case 'end':
      return t('step.end');
    default:
      return step.type;
  }
}
