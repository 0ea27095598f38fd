import { PeriodPicker, usePeriod } from '../components/dunning-period.tsx';
import { RetentionAnnualCandidates } from '../components/retention-annual-candidates.tsx';
import { RetentionChurnReasons } from '../components/retention-churn-reasons.tsx';
import { RetentionGrandfathered } from '../components/retention-grandfathered.tsx';
import { RetentionWinBack } from '../components/retention-win-back.tsx';
import { useT } from '../i18n.ts';

/** Why customers leave and what brings them back in a period, then the pricing levers as of today. */
export function RetentionPage() {
  const t = useT();
  const period = usePeriod(365);
  return (
    <>
      <h1>{t('retention.title')}</h1>
      <PeriodPicker period={period} />
      <RetentionChurnReasons period={period} />
      <RetentionWinBack period={period} />
      <h2 className="section-title">{t('pricing.title')}</h2>
      <RetentionAnnualCandidates />
      <RetentionGrandfathered />
    </>
  );
}
