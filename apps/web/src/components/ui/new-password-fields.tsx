import { useTranslation } from 'react-i18next';
import { passwordProblems } from '@guichet/domain';
import { fieldId } from '../../lib/field-errors.ts';
import { FormField } from './form-field.tsx';
import { PasswordChecklist } from './password-checklist.tsx';

interface NewPasswordFieldsProps {
  /** The field's path in the request body (`password`, `newPassword`): its id and errors. */
  name: string;
  label: string;
  password: string;
  confirmation: string;
  onPassword: (password: string) => void;
  onConfirmation: (confirmation: string) => void;
  /** The rules' errors show once the form was submitted (the checklist says them before). */
  isSubmitted: boolean;
  rulesId: string;
  /** What the API said of each field, if anything. */
  passwordError?: string | null;
  confirmationError?: string | null;
}

/**
 * A new password, its confirmation and the checklist of the rules between them: the same on
 * « Mon compte », the invitation and any page that sets a password.
 */
export function NewPasswordFields({
  name,
  label,
  password,
  confirmation,
  onPassword,
  onConfirmation,
  isSubmitted,
  rulesId,
  passwordError = null,
  confirmationError = null,
}: NewPasswordFieldsProps) {
  const { t } = useTranslation();
  const problems = passwordProblems(password, confirmation);
  const breaksRules = isSubmitted && problems.some((rule) => rule !== 'confirmation');
  const isUnconfirmed = isSubmitted && problems.includes('confirmation');
  return (
    <>
      <FormField
        id={fieldId(name)}
        label={label}
        isRequired
        error={breaksRules ? t('rights.password.breaksRules') : passwordError}
      >
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(event) => onPassword(event.target.value)}
          />
        )}
      </FormField>
      <PasswordChecklist id={rulesId} problems={problems} />
      <FormField
        id={fieldId('confirmation')}
        label={t('rights.password.confirmation')}
        isRequired
        error={isUnconfirmed ? t('rights.password.rules.confirmation') : confirmationError}
      >
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="new-password"
            value={confirmation}
            onChange={(event) => onConfirmation(event.target.value)}
          />
        )}
      </FormField>
    </>
  );
}
