import { DunningCaseDetail } from '../components/dunning-case-detail.tsx';
import { DunningCases } from '../components/dunning-cases.tsx';
import { DunningMetrics } from '../components/dunning-metrics.tsx';
import { PeriodPicker, usePeriod } from '../components/dunning-period.tsx';
import { DunningPolicies } from '../components/dunning-policies.tsx';
import { useT } from '../i18n.ts';
import { useLocation } from '../router.tsx';
import { isRoleAtLeast, useSession } from '../session.ts';

/**
 * Failed payments and their recovery: metrics of the cases opened in a period, the cases themselves and the
 * policies they run on (editing them is a manager's change, src/http/permissions.ts).
 */
export function DunningPage() {
  const t = useT();
  const me = useSession();
  const period = usePeriod(90);
  const selected = useLocation().search.get('case') ?? undefined;
  return (
    <>
      <h1>{t('dunning.title')}</h1>
      <p className="muted">{t('dunning.intro')}</p>
      <PeriodPicker period={period} />
      <DunningMetrics period={period} />
      {selected ? <DunningCaseDetail caseId={selected} /> : null}
      <DunningCases />
      <DunningPolicies canEdit={isRoleAtLeast(me.role, 'manager')} />
    </>
  );
}
