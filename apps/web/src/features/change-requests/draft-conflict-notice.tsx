import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/button.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import type { DraftDifference } from './draft-conflict.ts';
import './draft-conflict-notice.css';

interface DraftConflictNoticeProps {
  /** `save`: the server answered 409; `live`: another version arrived before any save. */
  reason: 'save' | 'live';
  /** Null while the latest version loads. */
  differences: DraftDifference[] | null;
  onReload: () => void;
  onKeep: () => void;
}

/**
 * « Ce brouillon a été modifié ailleurs »: what differs between the version saved elsewhere
 * and the screen; reload it (take theirs) or keep the screen (the next save replaces theirs).
 */
export function DraftConflictNotice({
  reason,
  differences,
  onReload,
  onKeep,
}: DraftConflictNoticeProps) {
  const { t } = useTranslation();
  return (
    <Notice
      tone={reason === 'save' ? 'error' : 'warning'}
      isLive
      title={t(reason === 'save' ? 'changeForm.conflict.title' : 'changeForm.conflict.liveTitle')}
      className="draft-conflict"
    >
      <p>{t('changeForm.conflict.body')}</p>
      {differences === null ? (
        <p>{t('changeForm.conflict.loading')}</p>
      ) : differences.length === 0 ? (
        <p>{t('changeForm.conflict.noDifference')}</p>
      ) : (
        <ul className="draft-conflict__list" aria-label={t('changeForm.conflict.listLabel')}>
          {differences.map((difference) => (
            <li key={difference.path} className="draft-conflict__item">
              <span className="draft-conflict__label">{difference.label}</span>
              <span className="draft-conflict__value">
                {t('changeForm.conflict.theirs')} <strong>{difference.theirs}</strong>
              </span>
              <span className="draft-conflict__value">
                {t('changeForm.conflict.mine')} <strong>{difference.mine}</strong>
              </span>
            </li>
          ))}
        </ul>
      )}
      <p>{t('changeForm.conflict.choice')}</p>
      <div className="draft-conflict__actions">
        <Button variant="primary" onClick={onReload}>
          {t('changeForm.conflict.reload')}
        </Button>
        <Button variant="secondary" onClick={onKeep} disabled={differences === null}>
          {t('changeForm.conflict.keep')}
        </Button>
      </div>
    </Notice>
  );
}
