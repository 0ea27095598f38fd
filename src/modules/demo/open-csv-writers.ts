import fs from 'node:fs';
import path from 'node:path';
import { DEMO_FILES, type TDemoFile } from './demo-files.ts';

export type TCsvWriters = {
  /** Appends one row; values are written as given (`''` for empty). Await it: it waits when the disk is behind. */
  write(file: TDemoFile, row: readonly (string | number)[]): Promise<void> | undefined;
  rowCounts(): Record<TDemoFile, number>;
  close(): Promise<void>;
};

const FLUSH_AT = 256 * 1024;

/** RFC 4180 quoting, only where needed. */
function escapeField(value: string | number): string {
  const s = String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * One buffered write stream per file of data.md, headers first. Rows are buffered in 256 kB chunks and the
 * caller waits on back-pressure, so memory stays bounded however many accounts are generated.
 */
export function openCsvWriters(dir: string): TCsvWriters {
  fs.mkdirSync(dir, { recursive: true });
  const files = Object.keys(DEMO_FILES) as TDemoFile[];
  const streams = new Map<TDemoFile, fs.WriteStream>();
  const buffers = new Map<TDemoFile, string>();
  const counts = {} as Record<TDemoFile, number>;
  for (const file of files) {
    streams.set(file, fs.createWriteStream(path.join(dir, `${file}.csv`)));
    buffers.set(file, `${DEMO_FILES[file].join(',')}\n`);
    counts[file] = 0;
  }

  const flush = (file: TDemoFile): Promise<void> | undefined => {
    const stream = streams.get(file) as fs.WriteStream;
    const ok = stream.write(buffers.get(file) as string);
    buffers.set(file, '');
    return ok ? undefined : new Promise((resolve) => stream.once('drain', () => resolve()));
  };

  return {
    write(file, row) {
      let line = '';
      for (let i = 0; i < row.length; i++) line += (i ? ',' : '') + escapeField(row[i] as string | number);
      const buffer = `${buffers.get(file)}${line}\n`;
      buffers.set(file, buffer);
      counts[file]++;
      return buffer.length >= FLUSH_AT ? flush(file) : undefined;
    },
    rowCounts: () => ({ ...counts }),
    async close() {
      for (const file of files) {
        flush(file);
        const stream = streams.get(file) as fs.WriteStream;
        await new Promise<void>((resolve, reject) =>
          stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
        );
      }
    },
  };
}
