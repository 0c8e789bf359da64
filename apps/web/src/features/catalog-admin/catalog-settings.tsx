import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { CatalogAdminView } from '@guichet/contracts';
import type { Text } from '@guichet/domain';
import { ButtonLink } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { FormActions } from '../../components/ui/form-actions.tsx';
import { FormFeedback } from '../../components/ui/form-feedback.tsx';
import { TextField } from '../../components/ui/text-field.tsx';
import { useSaveCatalog } from './catalog-admin-api.ts';
import { codeFrom, emptyText, helpOrNull, listOf } from './code-from.ts';
import { LocalizedInput } from './localized-input.tsx';
import { useFormErrors } from './use-form-errors.ts';

interface CatalogSettingsProps {
  catalog: CatalogAdminView | null;
}

/** The catalog itself: names, help, the item types, offers and contracts it applies to. */
export function CatalogSettings({ catalog }: CatalogSettingsProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const save = useSaveCatalog(catalog?.id ?? null);
  const errors = useFormErrors();
  const [name, setName] = useState<Text>(catalog?.name ?? emptyText);
  const [code, setCode] = useState(catalog?.code ?? '');
  const [isCodeTouched, setIsCodeTouched] = useState(false);
  const [help, setHelp] = useState<Text>(catalog?.help ?? emptyText);
  const [assetTypes, setAssetTypes] = useState(catalog?.assetTypes.join(', ') ?? 'fe_tenant');
  const [offers, setOffers] = useState(catalog?.offers.join(', ') ?? 'Flexible Engine');
  const [contracts, setContracts] = useState(catalog?.contractIds.join(', ') ?? '');
  const [position, setPosition] = useState(String(catalog?.position ?? 0));
  const [isSaved, setIsSaved] = useState(false);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    setIsSaved(false);
    save.mutate(
      {
        code,
        name,
        help: helpOrNull(help),
        assetTypes: listOf(assetTypes),
        offers: listOf(offers),
        contractIds: listOf(contracts),
        position: Number.parseInt(position, 10) || 0,
      },
      {
        onSuccess: (saved) => {
          if (catalog === null) void navigate(`/back-office/catalogues/${saved.id}`);
          else setIsSaved(true);
        },
        onError: errors.take,
      },
    );
  };

  return (
    <Card title={t('catalogAdmin.catalog.settings')} titleId="catalog-settings">
      <form className="catalog-admin__form" onSubmit={onSubmit} noValidate>
        <FormFeedback
          success={isSaved ? t('catalogAdmin.catalog.saved') : null}
          error={errors.general}
        />
        <LocalizedInput
          id="catalog-name"
          label={t('catalogAdmin.catalog.name')}
          value={name}
          isRequired
          error={errors.at('name')}
          onChange={(next) => {
            setName(next);
            if (catalog === null && !isCodeTouched) setCode(codeFrom(next.fr));
          }}
        />
        <div className="form-grid">
          <TextField
            id="catalog-code"
            label={t('catalogAdmin.catalog.code')}
            isRequired
            className="mono"
            hint={
              catalog === null
                ? t('catalogAdmin.catalog.codeHint')
                : t('catalogAdmin.catalog.codeFixed')
            }
            error={errors.at('code')}
            value={code}
            readOnly={catalog !== null}
            onChange={(value) => {
              setCode(value);
              setIsCodeTouched(true);
            }}
          />
          <TextField
            id="catalog-position"
            label={t('catalogAdmin.catalog.position')}
            hint={t('catalogAdmin.catalog.positionHint')}
            error={errors.at('position')}
            inputMode="numeric"
            value={position}
            onChange={setPosition}
          />
        </div>
        <LocalizedInput
          id="catalog-help"
          label={t('catalogAdmin.catalog.help')}
          value={help}
          isMultiline
          error={errors.at('help')}
          onChange={setHelp}
        />
        <TextField
          id="catalog-asset-types"
          label={t('catalogAdmin.catalog.assetTypes')}
          isRequired
          className="mono"
          hint={t('catalogAdmin.catalog.assetTypesHint')}
          error={errors.under('assetTypes')}
          value={assetTypes}
          onChange={setAssetTypes}
        />
        <div className="form-grid">
          <TextField
            id="catalog-offers"
            label={t('catalogAdmin.catalog.offers')}
            hint={t('catalogAdmin.catalog.offersHint')}
            error={errors.under('offers')}
            value={offers}
            onChange={setOffers}
          />
          <TextField
            id="catalog-contracts"
            label={t('catalogAdmin.catalog.contracts')}
            className="mono"
            hint={t('catalogAdmin.catalog.contractsHint')}
            error={errors.under('contractIds')}
            value={contracts}
            onChange={setContracts}
          />
        </div>
        <FormActions
          start={
            catalog === null ? (
              <ButtonLink to="/back-office/catalogues">
                {t('catalogAdmin.common.cancel')}
              </ButtonLink>
            ) : (
              <span />
            )
          }
          submitLabel={
            catalog === null
              ? t('catalogAdmin.catalog.createSubmit')
              : t('catalogAdmin.catalog.saveSubmit')
          }
          isBusy={save.isPending}
        />
      </form>
    </Card>
  );
}
