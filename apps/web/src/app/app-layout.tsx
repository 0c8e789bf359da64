import { useEffect } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import type { SessionView } from '@guichet/contracts';
import { HeaderMenu } from '../components/ui/header-menu.tsx';
import { RouteProgress } from '../components/ui/route-progress.tsx';
import { SessionGuard } from '../components/ui/session-guard.tsx';
import { LogoutButton } from '../features/auth/logout-button.tsx';
import { NotificationBell } from '../features/notifications/notification-bell.tsx';
import { LocaleSwitch } from '../features/session/locale-switch.tsx';
import { PerimeterSelect } from '../features/session/perimeter-select.tsx';
import { saveLocale } from '../features/session/session-api.ts';
import { changeLocale, storedLocale } from '../lib/i18n/index.ts';
import { useSession } from '../lib/session.ts';
import { useLiveUpdates } from './live-updates.ts';

/**
 * The language of this browser and of the account meet once per session: a choice made in
 * this browser (even before logging in) wins and is saved on the account; otherwise the
 * account's language is taken.
 */
export function useLocaleSync(session: SessionView | null | undefined) {
  const userId = session?.user.id ?? null;
  const accountLocale = session?.user.locale ?? null;
  useEffect(() => {
    if (userId === null || accountLocale === null) return;
    const local = storedLocale();
    if (local === null) void changeLocale(accountLocale);
    else if (local !== accountLocale) void saveLocale(local).catch(() => undefined);
  }, [userId, accountLocale]);
}

export function TopBar({ session }: { session: SessionView | null }) {
  const { t } = useTranslation();
  return (
    <HeaderMenu
      brand={
        <NavLink to={session ? '/demandes' : '/connexion'} className="topbar__brand">
          <span className="brand-mark" aria-hidden="true" />
          <span>{t('app.productName')}</span>
        </NavLink>
      }
    >
      {session ? (
        <nav className="topbar__nav" aria-label={t('header.mainNav')}>
          <NavLink to="/demandes" className="topbar__link">
            {t('header.requests')}
          </NavLink>
          {session.grants.some(
            (grant) => grant.section === 'requests' && grant.profile === 'manager',
          ) ? (
            <NavLink to="/approbations" end className="topbar__link">
              {t('approvals.nav')}
            </NavLink>
          ) : null}
          {session.grants.some((grant) => grant.section === 'users') ? (
            <NavLink to="/utilisateurs" className="topbar__link">
              {t('rights.nav.users')}
            </NavLink>
          ) : null}
          {session.grants.some(
            (grant) => grant.section === 'contracts' && grant.profile === 'manager',
          ) ? (
            <NavLink to="/releves" className="topbar__link">
              {t('statements.nav.customer')}
            </NavLink>
          ) : null}
          {session.grants.some(
            (grant) => grant.section === 'users' && grant.profile === 'manager',
          ) ? (
            <NavLink to="/integrations" className="topbar__link">
              {t('integrations.nav.customer')}
            </NavLink>
          ) : null}
          <NavLink to="/mon-compte" className="topbar__link">
            {t('rights.nav.account')}
          </NavLink>
        </nav>
      ) : null}
      <div className="topbar__tools">
        {session ? <NotificationBell audience="customer" /> : null}
        {session ? <PerimeterSelect /> : null}
        {session ? (
          <span className="topbar__user">
            <span className="visually-hidden">{t('header.loggedInAs')} </span>
            {session.user.displayName}
          </span>
        ) : null}
        <LocaleSwitch isLoggedIn={session !== null} />
        {session ? <LogoutButton /> : null}
      </div>
    </HeaderMenu>
  );
}

export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a className="skip-link" href="#main">
      {t('app.skipToContent')}
    </a>
  );
}

interface SignedInLayoutProps {
  kind: SessionView['user']['kind'];
  topBar: (session: SessionView) => ReactNode;
  mainClassName: string;
  footer: string;
}

/** A side's frame once signed in: its session checked, its top bar, the page, its footer. */
export function SignedInLayout({ kind, topBar, mainClassName, footer }: SignedInLayoutProps) {
  const session = useSession();
  useLocaleSync(session.data);
  useLiveUpdates(session.data?.user.kind === kind ? session.data : null);
  return (
    <SessionGuard kind={kind}>
      {(current) => (
        <>
          <RouteProgress />
          <SkipLink />
          {topBar(current)}
          <main id="main" className={mainClassName} tabIndex={-1}>
            <Outlet />
          </main>
          <footer className="footer">
            <p>{footer}</p>
          </footer>
        </>
      )}
    </SessionGuard>
  );
}

/** Every page but the login page: needs a session, else goes to /connexion and comes back after. */
export function AppLayout() {
  const { t } = useTranslation();
  // Operators work in the back-office: the customer portal has nothing for them.
  return (
    <SignedInLayout
      kind="customer"
      topBar={(session) => <TopBar session={session} />}
      mainClassName="main"
      footer={t('app.footer')}
    />
  );
}

/** The login page's frame: the same top bar, without the session's tools. */
export function PublicLayout() {
  return (
    <>
      <SkipLink />
      <TopBar session={null} />
      <main id="main" className="main main--public" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
