import { SettingsApiKeys } from '../components/settings-api-keys.tsx';
import { SettingsBilling } from '../components/settings-billing.tsx';
import { SettingsEmail } from '../components/settings-email.tsx';
import { SettingsFx } from '../components/settings-fx.tsx';
import { SettingsUsers } from '../components/settings-users.tsx';
import { SettingsWebhooks } from '../components/settings-webhooks.tsx';
import { SettingsWorkspace } from '../components/settings-workspace.tsx';
import { useT } from '../i18n.ts';
import { isRoleAtLeast, useSession } from '../session.ts';

/**
 * The workspace, its metric options and FX rates for everyone to read, editable by admins; users, API keys
 * and integrations only for admins, whom the API alone lets manage them (src/http/permissions.ts), so other
 * roles are not shown controls that would fail.
 */
export function SettingsPage() {
  const t = useT();
  const me = useSession();
  const isAdmin = isRoleAtLeast(me.role, 'admin');
  return (
    <>
      <h1>{t('settings.title')}</h1>
      <SettingsWorkspace isAdmin={isAdmin} />
      <SettingsFx isAdmin={isAdmin} />
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
