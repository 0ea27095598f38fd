import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import { parseFilter, type TFilterNode } from './parse-filter.ts';

/** A filter tree as compact text, to read precedence at a glance. */
function show(node: TFilterNode): string {
  switch (node.kind) {
    case 'and':
    case 'or':
      return `(${show(node.left)} ${node.kind.toUpperCase()} ${show(node.right)})`;
    case 'not':
      return `NOT ${show(node.operand)}`;
    case 'null':
      return `${name(node.field)} IS${node.isNegated ? ' NOT' : ''} NULL`;
    case 'in':
      return `${name(node.field)}${node.isNegated ? ' NOT' : ''} IN [${node.values.map((v) => v.value).join(',')}]`;
    case 'compare':
      return `${name(node.field)}${node.op}${node.value.value}`;
  }
}
const name = (ref: Extract<TFilterNode, { field: unknown }>['field']) =>
  ref.kind === 'field' ? ref.field.name : `attr[${ref.name}]`;

function errorOf(filter: string): AppError {
  try {
    parseFilter(filter);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`"${filter}" parsed`);
}

describe('parseFilter', () => {
  it('binds NOT tighter than AND, and AND tighter than OR', () => {
    expect(show(parseFilter('tier = "vip" OR mrr > 5 AND NOT stage = "churned"'))).toBe(
      '(tier=vip OR (mrr>5 AND NOT stage=churned))',
    );
    expect(show(parseFilter('NOT tier = "vip" AND mrr > 5'))).toBe('(NOT tier=vip AND mrr>5)');
    expect(show(parseFilter('mrr > 1 or mrr < 0 and not customer = true or tier = "vip"'))).toBe(
      '((mrr>1 OR (mrr<0 AND NOT customer=true)) OR tier=vip)',
    );
  });

  it('follows parentheses and reads keywords in any case', () => {
    expect(
      show(parseFilter('tier = "vip" and (health_band = "red" or mrr > 500) and not stage = "churned"')),
    ).toBe('((tier=vip AND (health_band=red OR mrr>500)) AND NOT stage=churned)');
    expect(show(parseFilter('NOT (name ~ "acme" OR owner_email is null)'))).toBe(
      'NOT (name~acme OR owner_email IS NULL)',
    );
  });

  it('reads IN lists, IS [NOT] NULL, attributes and quoted attribute names', () => {
    expect(show(parseFilter('tier not in ("vip", "core") and attributes.seats >= 10'))).toBe(
      '(tier NOT IN [vip,core] AND attr[seats]>=10)',
    );
    expect(show(parseFilter('attributes."seat count" is not null'))).toBe('attr[seat count] IS NOT NULL');
    expect(show(parseFilter('name = "say \\"hi\\" \\\\ bye"'))).toBe('name=say "hi" \\ bye');
    expect(show(parseFilter('mrr >= -1.5'))).toBe('mrr>=-1.5');
  });

  it('names the column of every syntax error', () => {
    expect(errorOf('tier = "vip" AND').message).toBe(
      'filter: expected a field name, found the end of the filter at column 17',
    );
    expect(errorOf('(mrr > 1').message).toBe('filter: expected ")", found the end of the filter at column 9');
    expect(errorOf('mrr > 1 mrr < 3').message).toBe(
      'filter: expected AND, OR or the end, found mrr at column 9',
    );
    expect(errorOf('name = "open').message).toBe('filter: unterminated string at column 8');
    expect(errorOf('name = #').message).toBe('filter: unexpected character "#" at column 8');
    expect(errorOf('mrr 5').message).toMatch(/expected an operator .* at column 5$/);
    expect(errorOf('').message).toBe('filter: empty filter at column 1');
    expect(errorOf('name is "x"').message).toBe('filter: expected NULL, found "x" at column 9');
    expect(errorOf('mrr > 12abc').message).toBe('filter: bad number "12a" at column 7');
  });

  it('rejects an unknown field with its column and the list of known fields', () => {
    const error = errorOf('tier = "vip" and plan = "gold"');
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(
      /^filter: unknown field "plan" \(known: id, name, .*attributes\.<name>\) at column 18$/,
    );
    expect(error.details).toMatchObject({ column: 18, field: 'plan' });
    expect((error.details as { known_fields: string[] }).known_fields).toContain('health_band');
  });

  it('rejects type mismatches and bad literals', () => {
    expect(errorOf('mrr > "500"').message).toBe(
      'filter: mrr is a number field: expected a number at column 7',
    );
    expect(errorOf('name = 5').message).toBe('filter: name is a text field: expected a "string" at column 8');
    expect(errorOf('name > "a"').message).toBe('filter: > works on number and date fields only at column 8');
    expect(errorOf('mrr ~ 5').message).toBe('filter: ~ (contains) works on text fields only at column 7');
    expect(errorOf('customer = "yes"').message).toMatch(
      /customer is a boolean field: expected true or false/,
    );
    expect(errorOf('created_at >= "2024-02-30"').message).toMatch(/"2024-02-30" is not a date/);
    expect(errorOf('created_at >= "yesterday"').message).toMatch(
      /"yesterday" is not a date .* at column 15$/,
    );
    expect(errorOf('tier = "gold"').message).toBe(
      'filter: tier is one of vip, core, non_core, potential, not "gold" at column 8',
    );
    expect(errorOf('health_band in ("red", "pink")').message).toMatch(/not "pink" at column 24$/);
    expect(errorOf('attributes.x in ("a", 1)').message).toMatch(/IN must all be of one type/);
    expect(errorOf('attributes.vip > true').message).toMatch(/true and false compare only with = and !=/);
    expect(errorOf('created_at in ("2024-01-01")').message).toMatch(/IN does not work on dates/);
  });

  it('accepts dates as days or instants with an offset', () => {
    expect(show(parseFilter('created_at >= "2024-01-01" and created_at < "2024-03-01T10:00:00Z"'))).toBe(
      '(created_at>=2024-01-01 AND created_at<2024-03-01T10:00:00Z)',
    );
  });

  it('refuses absurdly long or deep filters instead of overflowing', () => {
    expect(errorOf(`${'('.repeat(100)}mrr > 1${')'.repeat(100)}`).message).toMatch(/nested deeper than 64/);
    expect(errorOf(`${'NOT '.repeat(100)}mrr > 1`).message).toMatch(/nested deeper than 64/);
    expect(errorOf(`name = "${'x'.repeat(5000)}"`).message).toMatch(/longer than 4000 characters/);
  });
});
