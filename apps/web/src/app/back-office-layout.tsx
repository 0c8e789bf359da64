import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import type { OperatorCapability } from '@guichet/domain';
import type { SessionView } from '@guichet/contracts';
import { HeaderMenu } from '../components/ui/header-menu.tsx';
import { LogoutButton } from '../features/auth/logout-button.tsx';
import { NotificationBell } from '../features/notifications/notification-bell.tsx';
import { LocaleSwitch } from '../features/session/locale-switch.tsx';
import { canOperator } from '../lib/session.ts';
import { SignedInLayout, TopBarNav, TopBarUser } from './app-layout.tsx';
import '../features/back-office/back-office.css';

interface NavEntry {
  to: string;
  label:
    | 'operations.layout.queue'
    | 'operations.layout.catalogs'
    | 'operations.layout.outbox'
    | 'operatorAccounts.nav.operators'
    | 'operatorAccounts.nav.tokens'
    | 'statements.nav.backOffice'
    | 'providerAdmin.nav.customers'
    | 'dueDates.nav'
    | 'inventorySync.nav'
    | 'integrations.nav.serviceAccounts'
    | 'integrations.nav.webhooks'
    | 'windows.periods.nav';
  /** The capability the entry needs; left out: every operator. */
  capability?: OperatorCapability;
  isEnd?: boolean;
  /** Under « Paramétrage » (see `TopBarNav`). */
  isSetting?: boolean;
}

const navigation: readonly NavEntry[] = [
  {
    to: '/back-office',
    label: 'operations.layout.queue',
    capability: 'process_requests',
    isEnd: true,
  },
  {
    to: '/back-office/catalogues',
    label: 'operations.layout.catalogs',
    capability: 'manage_catalogs',
  },
  {
    to: '/back-office/clients',
    label: 'providerAdmin.nav.customers',
    capability: 'manage_customers',
  },
  {
    to: '/back-office/echeances',
    label: 'dueDates.nav',
    capability: 'manage_customers',
    isSetting: true,
  },
  {
    to: '/back-office/boite-d-envoi',
    label: 'operations.layout.outbox',
    capability: 'read_outbox',
  },
  {
    to: '/back-office/operateurs',
    label: 'operatorAccounts.nav.operators',
    capability: 'manage_operators',
  },
  {
    to: '/back-office/releves',
    label: 'statements.nav.backOffice',
    capability: 'read_statements',
  },
  {
    to: '/back-office/parc',
    label: 'inventorySync.nav',
    capability: 'sync_inventory',
  },
  {
    to: '/back-office/comptes-de-service',
    label: 'integrations.nav.serviceAccounts',
    capability: 'manage_operators',
    isSetting: true,
  },
  {
    to: '/back-office/webhooks',
    label: 'integrations.nav.webhooks',
    capability: 'manage_webhooks',
    isSetting: true,
  },
  {
    to: '/back-office/gel-et-maintenance',
    label: 'windows.periods.nav',
    capability: 'manage_change_periods',
    isSetting: true,
  },
  { to: '/back-office/jetons-api', label: 'operatorAccounts.nav.tokens' },
];

function BackOfficeTopBar({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const role = session.user.operatorRole;
  // A team account may be named after its role (« Gestion des catalogues »): said once.
  const roleLabel = role ? t(`operations.layout.roles.${role}`) : null;
  const shownRole = roleLabel === session.user.displayName ? null : roleLabel;
  return (
    <HeaderMenu
      className="topbar--back-office"
      brand={
        <NavLink to="/back-office" className="topbar__brand" end>
          <span className="brand-mark" aria-hidden="true" />
          <span>{t('operations.layout.brand')}</span>
        </NavLink>
      }
    >
      <TopBarNav
        label={t('operations.layout.nav')}
        settingsLabel={t('operations.layout.settings')}
        links={navigation
          .filter(
            (entry) => entry.capability === undefined || canOperator(session, entry.capability),
          )
          .map((entry) => ({ ...entry, label: t(entry.label) }))}
      />
      <div className="topbar__tools">
        <NotificationBell audience="operator" />
        <TopBarUser name={session.user.displayName}>
          {shownRole ? <span className="topbar__role"> · {shownRole}</span> : null}
        </TopBarUser>
        <LocaleSwitch isLoggedIn />
        <LogoutButton />
      </div>
    </HeaderMenu>
  );
}

/**
 * `/back-office/…`: the operators' side, apart from the customer portal, with its own top bar
 * and navigation. Customers never see it (they go back to their requests; the API refuses
 * them anyway).
 */
export function BackOfficeLayout() {
  const { t } = useTranslation();
  return (
    <SignedInLayout
      kind="operator"
      topBar={(session) => <BackOfficeTopBar session={session} />}
      mainClassName="main main--wide"
      footer={t('operations.layout.footer')}
    />
  );
}
