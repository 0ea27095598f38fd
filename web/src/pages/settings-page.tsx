import { QueryState } from '../components/query-state.tsx';
import { SettingsApiKeys } from '../components/settings-api-keys.tsx';
import { SettingsBilling } from '../components/settings-billing.tsx';
import { SettingsEmail } from '../components/settings-email.tsx';
import { SettingsUsers } from '../components/settings-users.tsx';
import { SettingsWebhooks } from '../components/settings-webhooks.tsx';
import { useT } from '../i18n.ts';
import { useWorkspace } from '../queries.ts';
import { isRoleAtLeast, useSession } from '../session.ts';

/**
 * The workspace for everyone to read; users and API keys only for admins, whom the API alone lets manage
 * them (src/http/permissions.ts), so other roles are not shown controls that would fail.
 */
export function SettingsPage() {
  const t = useT();
  const me = useSession();
  const workspace = useWorkspace();
  const isAdmin = isRoleAtLeast(me.role, 'admin');
  return (
    <>
      <h1>{t('settings.title')}</h1>
      <section className="card" aria-labelledby="workspace-title">
        <h2 id="workspace-title">{t('settings.workspace')}</h2>
        <QueryState query={workspace}>
          {(ws) => (
            <>
              <dl className="facts">
                <div>
                  <dt>{t('login.workspace')}</dt>
                  <dd>{ws.id}</dd>
                </div>
                <div>
                  <dt>{t('settings.currency')}</dt>
                  <dd data-testid="workspace-currency">{ws.reporting_currency}</dd>
                </div>
                <div>
                  <dt>{t('settings.timezone')}</dt>
                  <dd>{ws.timezone}</dd>
                </div>
              </dl>
              <p className="muted">{t('settings.fixedBasis')}</p>
            </>
          )}
        </QueryState>
      </section>
      {isAdmin ? (
        <>
          <SettingsUsers />
          <SettingsApiKeys />
          <SettingsEmail />
          <SettingsWebhooks />
          <SettingsBilling />
        </>
      ) : (
        <p className="muted">{t('settings.adminOnly')}</p>
      )}
    </>
  );
}
