import path from 'node:path';
import cliProgress from 'cli-progress';

export type TProgressEvent = {
  file: string;
  entity?: string;
  rows: number;
  bytes: number;
  totalBytes: number;
};

export type TProgress = {
  update(event: TProgressEvent): void;
  stop(): void;
};

/**
 * A progress bar per file on stderr (file, rows, rows/s, %) while data loads. Only on a terminal: in a pipe
 * or a log file, redrawn bars are noise.
 */
export function createProgress({ isTty }: { isTty: boolean }): TProgress {
  if (!isTty) return { update: () => {}, stop: () => {} };
  let bar: cliProgress.SingleBar | undefined;
  let current: { file: string; startedAt: number } | undefined;
  const stop = () => {
    bar?.stop();
    bar = undefined;
  };
  return {
    update(event) {
      if (current?.file !== event.file) {
        stop();
        current = { file: event.file, startedAt: Date.now() };
        bar = new cliProgress.SingleBar(
          {
            stream: process.stderr,
            format: '{file} |{bar}| {percentage}% | {rows} rows | {speed} rows/s',
            hideCursor: true,
            clearOnComplete: false,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(Math.max(event.totalBytes, 1), 0, { file: path.basename(event.file), rows: 0, speed: '…' });
      }
      // A rate over the first instants of a file is noise (a small file "loads at a million rows/s").
      const seconds = (Date.now() - current.startedAt) / 1000;
      bar?.update(Math.min(event.bytes, event.totalBytes), {
        rows: event.rows.toLocaleString('en-US'),
        speed: seconds < 0.5 ? '…' : Math.round(event.rows / seconds).toLocaleString('en-US'),
      });
    },
    stop,
  };
}
