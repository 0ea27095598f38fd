import pc from 'picocolors';
import { NULL_MARK } from '../output/format-values.ts';

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** Formatting shared by the `tenure health` tables: plain numbers, signed deltas and colored bands. */
export function createHealthFormatters({ color }: { color: boolean }) {
  const num = (value: number | null | undefined) =>
    value === null || value === undefined ? NULL_MARK : numberFormat.format(value).replace('-', '−');
  return {
    num,
    score: (value: number | null | undefined) =>
      value === null || value === undefined ? NULL_MARK : value.toFixed(1),
    signed: (value: number | null | undefined) => {
      if (value === null || value === undefined) return NULL_MARK;
      const text = value > 0 ? `+${num(value)}` : num(value);
      if (!color || value === 0) return text;
      return value > 0 ? pc.green(text) : pc.red(text);
    },
    band: (band: string) => {
      if (!color) return band;
      return band === 'red' ? pc.red(band) : band === 'green' ? pc.green(band) : pc.yellow(band);
    },
    share: (value: number) => `${numberFormat.format(value * 100)}%`,
  };
}
