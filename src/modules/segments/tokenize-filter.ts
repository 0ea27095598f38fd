import { AppError } from '../../errors.ts';

export type TTokenKind =
  | 'ident'
  | 'string'
  | 'number'
  | 'op'
  | 'lparen'
  | 'rparen'
  | 'comma'
  | 'keyword'
  | 'end';

export type TToken = {
  kind: TTokenKind;
  /** Keywords upper-cased; strings unescaped; everything else as written. */
  text: string;
  /** 1-based column of the token's first character, for error messages. */
  column: number;
};

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'IN', 'IS', 'NULL', 'TRUE', 'FALSE']);
const OPERATORS = ['!=', '<=', '>=', '!~', '=', '<', '>', '~'];
const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_]/;

/** The error of a filter: bad input, with the column it happened at. */
export function filterError(
  message: string,
  column: number,
  details: Record<string, unknown> = {},
): AppError {
  return new AppError('invalid_input', `filter: ${message} at column ${column}`, { column, ...details });
}

/**
 * Splits a filter into tokens. Strings are double-quoted with `\"` and `\\` escapes; a dotted name
 * (`attributes.industry`) is one identifier, and `attributes."seat count"` names an attribute with any
 * characters (the parser joins them).
 */
export function tokenizeFilter(source: string): TToken[] {
  const tokens: TToken[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    const column = i + 1;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: ch === '(' ? 'lparen' : ch === ')' ? 'rparen' : 'comma', text: ch, column });
      i++;
    } else if (ch === '"') {
      const string = readString(source, i);
      tokens.push({ kind: 'string', text: string.text, column });
      i = string.end;
    } else if (/[0-9]/.test(ch) || (ch === '-' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const match = /^-?\d+(\.\d+)?/.exec(source.slice(i))!;
      i += match[0].length;
      if (IDENT_PART.test(source[i] ?? '')) throw filterError(`bad number "${match[0]}${source[i]}"`, column);
      tokens.push({ kind: 'number', text: match[0], column });
    } else if (IDENT_START.test(ch)) {
      let j = i + 1;
      while (
        j < source.length &&
        (IDENT_PART.test(source[j]!) || (source[j] === '.' && IDENT_START.test(source[j + 1] ?? '')))
      )
        j++;
      const word = source.slice(i, j);
      const upper = word.toUpperCase();
      if (word === 'attributes' && source.startsWith('."', j)) {
        const name = readString(source, j + 1);
        tokens.push({ kind: 'ident', text: `attributes.${name.text}`, column });
        i = name.end;
      } else {
        const isKeyword = KEYWORDS.has(upper);
        tokens.push({ kind: isKeyword ? 'keyword' : 'ident', text: isKeyword ? upper : word, column });
        i = j;
      }
    } else {
      const op = OPERATORS.find((candidate) => source.startsWith(candidate, i));
      if (!op) throw filterError(`unexpected character "${ch}"`, column);
      tokens.push({ kind: 'op', text: op, column });
      i += op.length;
    }
  }
  tokens.push({ kind: 'end', text: '', column: source.length + 1 });
  return tokens;
}

/** The double-quoted string starting at `start`: its text and the index just past its closing quote. */
function readString(source: string, start: number): { text: string; end: number } {
  let text = '';
  let i = start + 1;
  for (;;) {
    if (i >= source.length) throw filterError('unterminated string', start + 1);
    const c = source[i]!;
    if (c === '"') return { text, end: i + 1 };
    if (c === '\\') {
      const next = source[i + 1];
      if (next !== '"' && next !== '\\') throw filterError('a string escapes only \\" and \\\\', i + 1);
      text += next;
      i += 2;
    } else {
      text += c;
      i++;
    }
  }
}
