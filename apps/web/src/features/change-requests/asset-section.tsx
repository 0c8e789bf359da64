import type { Dispatch } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AssetView, PreviewView } from '@guichet/contracts';
import { Card } from '../../components/ui/card.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { AssetPicker } from './asset-picker.tsx';
import type { ChangeFormAction, ChangeFormEvents } from './change-form-state.ts';

interface AssetSectionProps extends ChangeFormEvents {
  contractId: string;
  asset: AssetView | null;
  restriction: { catalogId: string; name: string } | null;
  /** Requests already open on the chosen item. */
  openRequests: PreviewView['openRequests'];
  dispatch: Dispatch<ChangeFormAction>;
}

/** « 1 - Sélectionner un élément de votre parc », and the changes already open on it. */
export function AssetSection({
  contractId,
  asset,
  restriction,
  openRequests,
  dispatch,
  errorFor,
  touch,
  changed,
}: AssetSectionProps) {
  const { t } = useTranslation();
  return (
    <Card title={t('changeForm.section1')} titleId="section-asset">
      <AssetPicker
        contractId={contractId}
        asset={asset}
        restriction={restriction}
        error={errorFor('assetId')}
        onChoose={(chosen) => {
          dispatch({ type: 'chooseAsset', asset: chosen });
          touch('assetId');
          changed('assetId');
        }}
        onResetSearch={() => dispatch({ type: 'resetSearch' })}
        onTouch={() => touch('assetId')}
      />
      {openRequests.length > 0 && asset ? (
        <Notice tone="warning" className="open-requests">
          <p>
            <strong>{t('changeForm.openRequests.warning')}</strong>{' '}
            <Link to={`/demandes?assetId=${encodeURIComponent(asset.id)}`}>
              {t('changeForm.openRequests.link')}
            </Link>
          </p>
          <p className="open-requests__list">
            {openRequests.map((request, index) => (
              <span key={request.id}>
                {index > 0 ? ', ' : null}
                <Link to={`/demandes/${request.id}`}>{request.number}</Link> (
                {t(`status.${request.status}`)})
              </span>
            ))}
          </p>
        </Notice>
      ) : null}
    </Card>
  );
}
