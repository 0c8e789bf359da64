import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { SelectField, optionsOf } from './select-field.tsx';

/** How long an old credential still works beside its successor, in hours. */
export const overlapChoices = ['0', '1', '24', '168'] as const;
export type OverlapChoice = (typeof overlapChoices)[number];

/**
 * « Chevauchement » of a rotation: a service account's token's, a webhook's signing secret's
 * (issue 17): none, an hour, a day or a week.
 */
export function OverlapSelect({
  id,
  value,
  onChange,
}: {
  id: string;
  value: OverlapChoice;
  onChange: (value: OverlapChoice) => void;
}) {
  const { t } = useTranslation();
  return (
    <SelectField
      id={id}
      label={t('integrations.overlap')}
      value={value}
      options={optionsOf(overlapChoices, (choice) => t(`integrations.overlaps.${choice}`))}
      onChange={onChange}
    />
  );
}

interface RotationDialogProps {
  isOpen: boolean;
  title: string;
  confirmLabel: string;
  /** What the rotation does, above the overlap. */
  body: string;
  /** The overlap select's id. */
  selectId: string;
  isBusy: boolean;
  onCancel: () => void;
  onConfirm: (overlapHours: number) => void;
}

/**
 * « Renouveler » behind a confirmation that asks for the overlap (a day unless changed): a
 * service account's token, a webhook's signing secret.
 */
export function RotationDialog({
  isOpen,
  title,
  confirmLabel,
  body,
  selectId,
  isBusy,
  onCancel,
  onConfirm,
}: RotationDialogProps) {
  const { t } = useTranslation();
  const [overlap, setOverlap] = useState<OverlapChoice>('24');
  return (
    <ConfirmDialog
      isOpen={isOpen}
      title={title}
      confirmLabel={confirmLabel}
      cancelLabel={t('common.cancel')}
      isBusy={isBusy}
      onCancel={onCancel}
      onConfirm={() => onConfirm(Number(overlap))}
    >
      <p>{body}</p>
      <OverlapSelect id={selectId} value={overlap} onChange={setOverlap} />
    </ConfirmDialog>
  );
}
