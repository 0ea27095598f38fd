import { DATE_PATTERN, isCalendarDate } from '../../http/formats.ts';
import { ATTRIBUTE_PREFIX, findField, knownFieldNames, type TField } from './filter-fields.ts';
import { filterError, type TToken, tokenizeFilter } from './tokenize-filter.ts';

export type TCompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | '~' | '!~';

export type TFieldRef =
  | { kind: 'field'; field: TField }
  /** A custom attribute: typed by the literal it is compared with. */
  | { kind: 'attribute'; name: string };

export type TLiteral =
  | { type: 'string'; value: string }
  /** Kept as written: numbers are compared as exact numerics in SQL, never as JS floats. */
  | { type: 'number'; value: string }
  | { type: 'boolean'; value: boolean };

export type TFilterNode =
  | { kind: 'and' | 'or'; left: TFilterNode; right: TFilterNode }
  | { kind: 'not'; operand: TFilterNode }
  | { kind: 'compare'; field: TFieldRef; op: TCompareOp; value: TLiteral }
  | { kind: 'in'; field: TFieldRef; values: TLiteral[]; isNegated: boolean }
  | { kind: 'null'; field: TFieldRef; isNegated: boolean };

export const MAX_FILTER_LENGTH = 4000;
const MAX_DEPTH = 64;
const ORDERING = new Set(['<', '<=', '>', '>=']);
const TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses and validates a segment filter (the language is described in README "Segments"): a recursive
 * descent over the grammar
 *
 *   or      := and ("OR" and)*
 *   and     := unary ("AND" unary)*
 *   unary   := "NOT" unary | "(" or ")" | field predicate
 *   predicate := op literal | ["NOT"] "IN" "(" literal ("," literal)* ")" | "IS" ["NOT"] "NULL"
 *
 * so NOT binds tighter than AND, and AND tighter than OR. Every error names its column; an unknown field
 * lists the known ones. The result only ever carries literals as values: compile-filter.ts binds each one
 * as a parameter.
 */
export function parseFilter(source: string): TFilterNode {
  if (source.length > MAX_FILTER_LENGTH)
    throw filterError(`longer than ${MAX_FILTER_LENGTH} characters`, MAX_FILTER_LENGTH + 1);
  const tokens = tokenizeFilter(source);
  let at = 0;
  const peek = () => tokens[at]!;
  const next = () => tokens[at++]!;
  const isKeyword = (word: string) => peek().kind === 'keyword' && peek().text === word;
  const expect = (kind: TToken['kind'], what: string) => {
    const token = next();
    if (token.kind !== kind) throw filterError(`expected ${what}, found ${describe(token)}`, token.column);
    return token;
  };

  const parseOr = (depth: number): TFilterNode => {
    if (depth > MAX_DEPTH) throw filterError(`nested deeper than ${MAX_DEPTH} levels`, peek().column);
    let left = parseAnd(depth);
    while (isKeyword('OR')) {
      next();
      left = { kind: 'or', left, right: parseAnd(depth) };
    }
    return left;
  };
  const parseAnd = (depth: number): TFilterNode => {
    let left = parseUnary(depth);
    while (isKeyword('AND')) {
      next();
      left = { kind: 'and', left, right: parseUnary(depth) };
    }
    return left;
  };
  const parseUnary = (depth: number): TFilterNode => {
    if (depth > MAX_DEPTH) throw filterError(`nested deeper than ${MAX_DEPTH} levels`, peek().column);
    if (isKeyword('NOT')) {
      next();
      return { kind: 'not', operand: parseUnary(depth + 1) };
    }
    if (peek().kind === 'lparen') {
      next();
      const inner = parseOr(depth + 1);
      expect('rparen', '")"');
      return inner;
    }
    return parsePredicate();
  };
  const parsePredicate = (): TFilterNode => {
    const fieldToken = expect('ident', 'a field name');
    const field = resolveField(fieldToken);
    const token = peek();
    if (isKeyword('IS')) {
      next();
      const isNegated = isKeyword('NOT');
      if (isNegated) next();
      if (!isKeyword('NULL')) throw filterError(`expected NULL, found ${describe(peek())}`, peek().column);
      next();
      return { kind: 'null', field, isNegated };
    }
    if (isKeyword('NOT') || isKeyword('IN')) {
      const isNegated = isKeyword('NOT');
      if (isNegated) next();
      if (!isKeyword('IN')) throw filterError(`expected IN, found ${describe(peek())}`, peek().column);
      if (field.kind === 'field' && field.field.type === 'date')
        throw filterError('IN does not work on dates: use >= and <', peek().column);
      next();
      expect('lparen', '"(" after IN');
      const values: TLiteral[] = [];
      do {
        const literalToken = peek();
        values.push(checkLiteral(field, isNegated ? '!=' : '=', parseLiteral(), literalToken.column));
      } while (peek().kind === 'comma' && next());
      expect('rparen', '")" or ","');
      const types = new Set(values.map((value) => value.type));
      if (types.size > 1) throw filterError('the values of IN must all be of one type', token.column);
      return { kind: 'in', field, values, isNegated };
    }
    if (token.kind !== 'op') {
      throw filterError(
        `expected an operator (= != < <= > >= ~ !~ IN IS) after ${fieldToken.text}, found ${describe(token)}`,
        token.column,
      );
    }
    next();
    const op = token.text as TCompareOp;
    const literalToken = peek();
    const value = checkLiteral(field, op, parseLiteral(), literalToken.column);
    return { kind: 'compare', field, op, value };
  };
  const parseLiteral = (): TLiteral => {
    const token = next();
    if (token.kind === 'string') return { type: 'string', value: token.text };
    if (token.kind === 'number') return { type: 'number', value: token.text };
    if (token.kind === 'keyword' && (token.text === 'TRUE' || token.text === 'FALSE'))
      return { type: 'boolean', value: token.text === 'TRUE' };
    throw filterError(
      `expected a value (a "string", a number, true or false), found ${describe(token)}`,
      token.column,
    );
  };

  if (peek().kind === 'end') throw filterError('empty filter', 1);
  const tree = parseOr(0);
  if (peek().kind !== 'end')
    throw filterError(`expected AND, OR or the end, found ${describe(peek())}`, peek().column);
  return tree;
}

function describe(token: TToken): string {
  if (token.kind === 'end') return 'the end of the filter';
  if (token.kind === 'string') return `"${token.text}"`;
  return token.text;
}

function resolveField(token: TToken): TFieldRef {
  if (token.text.startsWith(ATTRIBUTE_PREFIX)) {
    const name = token.text.slice(ATTRIBUTE_PREFIX.length);
    if (name === '') throw filterError('attributes. needs an attribute name', token.column);
    return { kind: 'attribute', name };
  }
  const field = findField(token.text);
  if (!field) {
    throw filterError(
      `unknown field "${token.text}" (known: ${knownFieldNames().join(', ')})`,
      token.column,
      { field: token.text, known_fields: knownFieldNames() },
    );
  }
  return { kind: 'field', field };
}

/** The literal, if it fits the field and the operator; else a type error at its column. */
function checkLiteral(ref: TFieldRef, op: TCompareOp, literal: TLiteral, column: number): TLiteral {
  const fail = (message: string) => filterError(message, column);
  if (ref.kind === 'attribute') {
    if ((op === '~' || op === '!~') && literal.type !== 'string') throw fail(`${op} needs a "string"`);
    if (literal.type === 'boolean' && op !== '=' && op !== '!=')
      throw fail(`true and false compare only with = and !=`);
    return literal;
  }
  const { field } = ref;
  const expected = {
    text: 'a "string"',
    number: 'a number',
    date: 'a "YYYY-MM-DD" date',
    boolean: 'true or false',
  }[field.type];
  const literalType = literal.type === 'string' ? (field.type === 'date' ? 'date' : 'text') : literal.type;
  if (literalType !== field.type) throw fail(`${field.name} is a ${field.type} field: expected ${expected}`);
  if ((op === '~' || op === '!~') && field.type !== 'text')
    throw fail(`${op} (contains) works on text fields only`);
  if (ORDERING.has(op) && (field.type === 'text' || field.type === 'boolean'))
    throw fail(`${op} works on number and date fields only`);
  if (literal.type === 'string' && field.type === 'date' && !isDateLiteral(literal.value))
    throw fail(`"${literal.value}" is not a date (YYYY-MM-DD or an ISO 8601 timestamp with offset)`);
  if (
    literal.type === 'string' &&
    field.values &&
    (op === '=' || op === '!=') &&
    !field.values.includes(literal.value)
  )
    throw fail(`${field.name} is one of ${field.values.join(', ')}, not "${literal.value}"`);
  return literal;
}

export function isDateLiteral(value: string): boolean {
  if (DATE_PATTERN.test(value)) return isCalendarDate(value);
  return (
    TIMESTAMP_PATTERN.test(value) && isCalendarDate(value.slice(0, 10)) && !Number.isNaN(Date.parse(value))
  );
}
