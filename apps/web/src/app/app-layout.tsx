import { useEffect } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import type { TFunction } from 'i18next';
import type { Profile, Section } from '@guichet/domain';
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

/** One link of a top bar's navigation, its label already in the page's language. */
export interface TopBarLink {
  to: string;
  label: string;
  /** Lit only on its own path, not on the paths below it. */
  isEnd?: boolean;
  /** Folded under « Paramétrage » (settings seldom visited), so the bar keeps one row. */
  isSetting?: boolean;
}

/** A top bar's navigation: the links the signed-in user may follow, settings folded apart. */
export function TopBarNav({
  label,
  links,
  settingsLabel,
}: {
  label: string;
  links: readonly TopBarLink[];
  settingsLabel?: string;
}) {
  const main = links.filter((link) => !link.isSetting);
  const settings = links.filter((link) => link.isSetting);
  const navLink = (link: TopBarLink) => (
    <NavLink
      key={link.to}
      to={link.to}
      end={link.isEnd ?? false}
      className="topbar__link"
      // A setting chosen: its disclosure folds, as the page changes under it.
      onClick={(event) => event.currentTarget.closest('details')?.removeAttribute('open')}
    >
      {link.label}
    </NavLink>
  );
  return (
    <nav className="topbar__nav" aria-label={label}>
      {main.map(navLink)}
      {settings.length > 0 ? (
        // A native disclosure: a button for the keyboard and screen readers, open on a tap.
        <details className="topbar__more">
          <summary className="topbar__link">{settingsLabel}</summary>
          <div className="topbar__more-links">{settings.map(navLink)}</div>
        </details>
      ) : null}
    </nav>
  );
}

/** « Connecté en tant que » the user, and what follows the name (the operator's role). */
export function TopBarUser({ name, children }: { name: string; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <span className="topbar__user">
      <span className="visually-hidden">{t('header.loggedInAs')} </span>
      {name}
      {children}
    </span>
  );
}

/** The customer portal's links: requests and account always, the rest by the user's rights. */
function customerLinks(session: SessionView, t: TFunction): TopBarLink[] {
  const has = (section: Section, profile?: Profile) =>
    session.grants.some(
      (grant) => grant.section === section && (profile === undefined || grant.profile === profile),
    );
  return [
    { to: '/demandes', label: t('header.requests'), isShown: true },
    { to: '/approbations', label: t('approvals.nav'), isShown: has('requests', 'manager') },
    { to: '/utilisateurs', label: t('rights.nav.users'), isShown: has('users') },
    { to: '/releves', label: t('statements.nav.customer'), isShown: has('contracts', 'manager') },
    {
      to: '/integrations',
      label: t('integrations.nav.customer'),
      isShown: has('users', 'manager'),
    },
    { to: '/mon-compte', label: t('rights.nav.account'), isShown: true },
  ]
    .filter((link) => link.isShown)
    .map(({ to, label }) => ({ to, label }));
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
      {session ? <TopBarNav label={t('header.mainNav')} links={customerLinks(session, t)} /> : null}
      <div className="topbar__tools">
        {session ? <NotificationBell audience="customer" /> : null}
        {session ? <PerimeterSelect /> : null}
        {session ? <TopBarUser name={session.user.displayName} /> : null}
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
