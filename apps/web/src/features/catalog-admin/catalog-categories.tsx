import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogAdminView, CategoryAdminView } from '@guichet/contracts';
import type { Text } from '@guichet/domain';
import { Button } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { TextField } from '../../components/ui/text-field.tsx';
import { localize } from '../../lib/form-values.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { useSaveCategory } from './catalog-admin-api.ts';
import { codeFrom, emptyText, helpOrNull } from './code-from.ts';
import { CatalogSubform } from './catalog-subform.tsx';
import { LocalizedInput } from './localized-input.tsx';
import { useFormErrors } from './use-form-errors.ts';

function CategoryForm({
  catalogId,
  category,
  onDone,
}: {
  catalogId: string;
  category: CategoryAdminView | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveCategory(catalogId);
  const errors = useFormErrors();
  const [name, setName] = useState<Text>(category?.name ?? emptyText);
  const [code, setCode] = useState(category?.code ?? '');
  const [help, setHelp] = useState<Text>(category?.help ?? emptyText);
  const idBase = `category-${category?.id ?? 'new'}`;
  return (
    <CatalogSubform
      general={errors.general}
      submitLabel={t('catalogAdmin.common.save')}
      isBusy={save.isPending}
      onCancel={onDone}
      onSubmit={() => {
        errors.clear();
        save.mutate(
          {
            id: category?.id ?? null,
            body: {
              code,
              name,
              help: helpOrNull(help),
              position: category?.position ?? 0,
            },
          },
          { onSuccess: onDone, onError: errors.take },
        );
      }}
    >
      <LocalizedInput
        id={`${idBase}-name`}
        label={t('catalogAdmin.category.name')}
        value={name}
        isRequired
        error={errors.at('name')}
        onChange={(next) => {
          setName(next);
          if (category === null) setCode(codeFrom(next.fr));
        }}
      />
      {category === null ? (
        <TextField
          id={`${idBase}-code`}
          label={t('catalogAdmin.category.code')}
          isRequired
          className="mono"
          error={errors.at('code')}
          value={code}
          onChange={setCode}
        />
      ) : null}
      <LocalizedInput
        id={`${idBase}-help`}
        label={t('catalogAdmin.category.help')}
        value={help}
        isMultiline
        onChange={setHelp}
      />
    </CatalogSubform>
  );
}

/** The catalog's categories: add one, rename one. */
export function Categories({ catalog }: { catalog: CatalogAdminView }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <Card
      title={t('catalogAdmin.category.title')}
      titleId="catalog-categories"
      actions={
        editing === 'new' ? null : (
          <Button onClick={() => setEditing('new')}>{t('catalogAdmin.category.add')}</Button>
        )
      }
    >
      <p className="muted">{t('catalogAdmin.category.intro')}</p>
      {editing === 'new' ? (
        <CategoryForm catalogId={catalog.id} category={null} onDone={() => setEditing(null)} />
      ) : null}
      {catalog.categories.length === 0 ? (
        <p className="muted">{t('catalogAdmin.category.none')}</p>
      ) : (
        <ul className="catalog-admin__list">
          {catalog.categories.map((category) => (
            <li key={category.id}>
              {editing === category.id ? (
                <CategoryForm
                  catalogId={catalog.id}
                  category={category}
                  onDone={() => setEditing(null)}
                />
              ) : (
                <div className="catalog-admin__list-row">
                  <span>
                    <strong>{localize(category.name, locale)}</strong>{' '}
                    <span className="mono muted">{category.code}</span>
                  </span>
                  <Button variant="ghost" onClick={() => setEditing(category.id)}>
                    {t('catalogAdmin.category.edit', { name: localize(category.name, locale) })}
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
