import { type RawBuilder, sql } from 'kysely';
import type { TCompareOp, TFieldRef, TFilterNode, TLiteral } from './parse-filter.ts';

const SQL_OPS: Record<Exclude<TCompareOp, '~' | '!~'>, string> = {
  '=': '=',
  '!=': 'is distinct from',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

/**
 * A parsed filter as a SQL condition on the row `f` of `account_facts` (sql-account-facts.ts).
 * Injection-proof by construction: every literal and every attribute name is a bound parameter; the only
 * text pasted into the SQL is a field name from the fixed catalog (filter-fields.ts) and an operator from
 * the fixed map above.
 *
 * Semantics are two-valued: a comparison with a missing value (no tier yet, no such attribute) is false,
 * so `NOT x` is always the complement of `x`, and `tier != "vip"` includes accounts without a tier.
 * Dates `YYYY-MM-DD` compare with the day in the workspace time zone (`created_at = "2024-01-05"` is that
 * whole day), ISO timestamps compare as instants.
 */
export function compileFilter(tree: TFilterNode, timezone: string): RawBuilder<boolean> {
  switch (tree.kind) {
    case 'and':
      return sql<boolean>`(${compileFilter(tree.left, timezone)} and ${compileFilter(tree.right, timezone)})`;
    case 'or':
      return sql<boolean>`(${compileFilter(tree.left, timezone)} or ${compileFilter(tree.right, timezone)})`;
    case 'not':
      return sql<boolean>`(not ${compileFilter(tree.operand, timezone)})`;
    case 'null':
      return sql<boolean>`(${fieldValue(tree.field, 'string')} ${sql.raw(tree.isNegated ? 'is not null' : 'is null')})`;
    case 'in': {
      const type = tree.values[0]!.type;
      const values = tree.values.map((v) => (v.type === 'boolean' ? String(v.value) : v.value));
      const matches = sql<boolean>`coalesce(${fieldValue(tree.field, type)} = any(${values}::${sql.raw(arrayType(type))}), false)`;
      return tree.isNegated ? sql<boolean>`(not ${matches})` : matches;
    }
    case 'compare':
      return compileCompare(tree.field, tree.op, tree.value, timezone);
  }
}

function compileCompare(
  ref: TFieldRef,
  op: TCompareOp,
  literal: TLiteral,
  timezone: string,
): RawBuilder<boolean> {
  if (op === '~' || op === '!~') {
    // strpos, not LIKE: the user's text is matched literally, `%` and `_` included.
    const contains = sql<boolean>`coalesce(strpos(lower(${fieldValue(ref, 'string')}), lower(${literal.value}::text)) > 0, false)`;
    return op === '~' ? contains : sql<boolean>`(not ${contains})`;
  }
  const operator = sql.raw(SQL_OPS[op]);
  if (ref.kind === 'field' && ref.field.type === 'date' && literal.type === 'string') {
    const column = sql.ref(`f.${ref.field.name}`);
    return literal.value.length === 10
      ? sql<boolean>`coalesce((${column} at time zone ${timezone}::text)::date ${operator} ${literal.value}::date, false)`
      : sql<boolean>`coalesce(${column} ${operator} ${literal.value}::timestamptz, false)`;
  }
  const value =
    literal.type === 'number'
      ? sql`${literal.value}::numeric`
      : literal.type === 'boolean'
        ? sql`${literal.value}::boolean`
        : sql`${literal.value}::text`;
  return sql<boolean>`coalesce(${fieldValue(ref, literal.type)} ${operator} ${value}, false)`;
}

/**
 * The SQL value of a field. An attribute is read as the literal's type: a number only from a JSON number
 * and a boolean only from a JSON boolean (anything else is missing, never a cast error), text as written.
 */
function fieldValue(ref: TFieldRef, type: TLiteral['type']): RawBuilder<unknown> {
  if (ref.kind === 'field') return sql.ref(`f.${ref.field.name}`);
  const json = sql`(f.attributes -> ${ref.name}::text)`;
  const text = sql`(f.attributes ->> ${ref.name}::text)`;
  if (type === 'number') return sql`(case when jsonb_typeof(${json}) = 'number' then ${text}::numeric end)`;
  if (type === 'boolean') return sql`(case when jsonb_typeof(${json}) = 'boolean' then ${text}::boolean end)`;
  return text;
}

function arrayType(type: TLiteral['type']): string {
  return type === 'number' ? 'numeric[]' : type === 'boolean' ? 'boolean[]' : 'text[]';
}

/** Whether the filter names `field` anywhere (so costly facts are joined only when asked for). */
export function filterUsesField(tree: TFilterNode, field: string): boolean {
  switch (tree.kind) {
    case 'and':
    case 'or':
      return filterUsesField(tree.left, field) || filterUsesField(tree.right, field);
    case 'not':
      return filterUsesField(tree.operand, field);
    default:
      return tree.field.kind === 'field' && tree.field.field.name === field;
  }
}
