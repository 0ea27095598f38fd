import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import { parsePlaybookDefinition } from './playbook-definition.ts';

const base = { name: 'P', trigger: { kind: 'account_churned' } };

function errorOf(input: unknown): AppError {
  try {
    parsePlaybookDefinition(input);
  } catch (error) {
    if (error instanceof AppError) return error;
  }
  throw new Error('expected invalid_input');
}

describe('playbook definition', () => {
  it('fills defaults: task owner, priority, email recipient', () => {
    const parsed = parsePlaybookDefinition({
      ...base,
      steps: [
        { id: 't', type: 'create_task', title: 'Call' },
        { id: 'e', type: 'send_email', template_id: 'win_back' },
      ],
    });
    expect(parsed.steps).toEqual([
      {
        id: 't',
        type: 'create_task',
        title: 'Call',
        owner: 'account_owner',
        due_in_days: 0,
        priority: 'normal',
      },
      { id: 'e', type: 'send_email', template_id: 'win_back', to: 'any' },
    ]);
  });

  it('rejects duplicate step ids, missing branch targets and bad filters, naming each path', () => {
    const error = errorOf({
      ...base,
      conditions: { filter: 'mrr >' },
      steps: [
        { id: 'a', type: 'end' },
        // biome-ignore lint/suspicious/noThenProperty: a branch's target is named `then` in the definition
        { id: 'a', type: 'branch', if: 'tier = "gold"', then: 'a', else: 'zz' },
      ],
    });
    const paths = (error.details as { issues: { path: string }[] }).issues.map((i) => i.path);
    expect(paths).toEqual(['steps.1.id', 'steps.1.else', 'steps.1.if', 'conditions.filter']);
  });

  it('rejects unknown step types and unknown keys', () => {
    expect(errorOf({ ...base, steps: [{ id: 'x', type: 'sms' }] }).message).toContain('steps.0.type');
    expect(errorOf({ ...base, steps: [{ id: 'x', type: 'end', extra: 1 }] }).message).toContain('steps.0');
    expect(errorOf({ ...base, steps: [] }).message).toContain('steps:');
  });
});
