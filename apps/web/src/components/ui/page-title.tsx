import { useTranslation } from 'react-i18next';

/** The browser tab's title for this page (React hoists `<title>` into the document head). */
export function PageTitle({ title }: { title: string }) {
  const { t } = useTranslation();
  return <title>{`${title} — ${t('app.productName')}`}</title>;
}
