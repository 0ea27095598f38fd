import { useT } from '../i18n.ts';
import type { TBand } from '../types.ts';

/** The band in words as well as colour, so it reads without colour vision. */
export function BandBadge({ band }: { band: TBand | null }) {
  const t = useT();
  if (!band) return <span>—</span>;
  return <span className={`badge band-${band}`}>{t(`band.${band}`)}</span>;
}
