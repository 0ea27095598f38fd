import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, createCsvParser, type TCsvRecord } from '../src/modules/imports/parse-csv.ts';

/** Feeds `text` to the import's parser cut at `cuts` (as a stream's chunks would cut it). */
function parseInChunks(text: string, cuts: number[]): TCsvRecord[] {
  const parse = createCsvParser();
  const out: TCsvRecord[] = [];
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    parse(text.slice(at, Math.max(at, cut)), false, out);
    at = Math.max(at, cut);
  }
  parse(text.slice(at), true, out);
  return out;
}

/** csv-parse, the reference, with physical lines counted from the line breaks inside fields. */
function parseWithCsvParse(text: string): TCsvRecord[] {
  const parsed = parse(text, {
    bom: true,
    info: true,
    skip_empty_lines: true,
    relax_column_count: true,
    record_delimiter: ['\r\n', '\n'],
  }) as unknown as { record: string[]; info: { empty_lines: number } }[];
  let next = 1;
  let empty = 0;
  return parsed.map(({ record, info }) => {
    const line = next + info.empty_lines - empty;
    empty = info.empty_lines;
    const breaks = record.reduce((n, f) => n + (f.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
    next = line + breaks + 1;
    return { line, record };
  });
}

const field = fc.stringMatching(/^[a,"\n\r é]{0,6}$/);
const quote = (f: string) => (/[,"\n\r]/.test(f) || f === '' ? `"${f.replaceAll('"', '""')}"` : f);
const csvText = fc
  .tuple(
    fc.array(fc.oneof(fc.constant([] as string[]), fc.array(field, { minLength: 1, maxLength: 4 })), {
      maxLength: 12,
    }),
    fc.constantFrom('\n', '\r\n'),
    fc.boolean(),
    fc.boolean(),
  )
  .map(([rows, eol, hasBom, hasFinalEol]) => {
    const lines = rows.map((row) => (row.length === 0 ? '' : row.map(quote).join(',')));
    return (hasBom ? '\uFEFF' : '') + lines.join(eol) + (hasFinalEol ? eol : '');
  });

describe('CSV parser of the import', () => {
  it('reads the same records on the same physical lines as csv-parse, however the stream is cut', () => {
    fc.assert(
      fc.property(csvText, fc.array(fc.nat(200), { maxLength: 5 }), (text, cuts) => {
        expect(parseInChunks(text, cuts)).toEqual(parseWithCsvParse(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('rejects what csv-parse rejects: stray quotes and unclosed quoted fields', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a,"\n]{0,12}$/),
        fc.array(fc.nat(12), { maxLength: 3 }),
        (text, cuts) => {
          let reference: unknown;
          try {
            parseWithCsvParse(text);
          } catch (error) {
            reference = error;
          }
          if (reference) expect(() => parseInChunks(text, cuts)).toThrow(CsvSyntaxError);
          else expect(() => parseInChunks(text, cuts)).not.toThrow();
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('names the line of the record that has a stray quote', () => {
    expect(() => parseInChunks('id,name\n"a\nb",x\nc,d"e\n', [3])).toThrow(
      expect.objectContaining({
        line: 4,
        message: expect.stringMatching(/unexpected quote inside unquoted field 2/),
      }),
    );
  });
});
