import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/ui/page-title.tsx';

/** What a step after the password is told: it signed in, or the sign-in starts again. */
export interface SecondStepProps {
  onSignedIn: () => void;
  onRestart: () => void;
}

/** The sign-in pages' panel: the brand, the page's title (the tab's too), and what follows. */
export function LoginPanel({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="login">
      <PageTitle title={title} />
      <div className="login__panel">
        <p className="login__brand" aria-hidden="true">
          <span className="brand-mark" />
          {t('app.productName')}
        </p>
        <h1 className="login__title">{title}</h1>
        {children}
      </div>
    </div>
  );
}
