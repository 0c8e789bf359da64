import type { ReactNode } from 'react';
import { SubmitButton } from './button.tsx';

interface FormActionsProps {
  submitLabel: ReactNode;
  isBusy?: boolean;
  /** « * champ obligatoire » at the start of the row. */
  requiredLegend?: string;
  /** What stands at the start instead of the legend (a way back, a hint). */
  start?: ReactNode;
  /** Buttons beside the submit button (« Annuler », « Précédent »). */
  children?: ReactNode;
}

/** A form's last row: the legend or a way back at the start, the main actions at the end. */
export function FormActions({
  submitLabel,
  isBusy = false,
  requiredLegend,
  start,
  children,
}: FormActionsProps) {
  return (
    <div className="form-actions">
      {requiredLegend ? <span className="required-legend">{requiredLegend}</span> : start}
      <div className="form-actions__main">
        {children}
        <SubmitButton isBusy={isBusy}>{submitLabel}</SubmitButton>
      </div>
    </div>
  );
}
