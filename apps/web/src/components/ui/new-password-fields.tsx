import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { passwordProblems } from '@guichet/domain';
import { fieldId } from '../../lib/field-errors.ts';
import { PasswordField } from './password-field.tsx';
import { PasswordChecklist } from './password-checklist.tsx';

/** A new password being typed: its two inputs, whether the form was submitted, the rules broken. */
export interface NewPassword {
  password: string;
  confirmation: string;
  setPassword: (password: string) => void;
  setConfirmation: (confirmation: string) => void;
  /** The rules' errors show once the form was submitted (the checklist says them before). */
  isSubmitted: boolean;
  problems: ReturnType<typeof passwordProblems>;
  /** Marks the form submitted and says whether the password may be sent. */
  submit: () => boolean;
  /** Empties both inputs, as before the first submit. */
  reset: () => void;
}

export function useNewPassword(): NewPassword {
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [isSubmitted, setIsSubmitted] = useState(false);
  const problems = passwordProblems(password, confirmation);
  return {
    password,
    confirmation,
    setPassword,
    setConfirmation,
    isSubmitted,
    problems,
    submit: () => {
      setIsSubmitted(true);
      return problems.length === 0;
    },
    reset: () => {
      setPassword('');
      setConfirmation('');
      setIsSubmitted(false);
    },
  };
}

interface NewPasswordFieldsProps {
  /** The field's path in the request body (`password`, `newPassword`): its id and errors. */
  name: string;
  label: string;
  state: NewPassword;
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
  state,
  rulesId,
  passwordError = null,
  confirmationError = null,
}: NewPasswordFieldsProps) {
  const { t } = useTranslation();
  const { problems, isSubmitted } = state;
  const breaksRules = isSubmitted && problems.some((rule) => rule !== 'confirmation');
  const isUnconfirmed = isSubmitted && problems.includes('confirmation');
  return (
    <>
      <PasswordField
        id={fieldId(name)}
        label={label}
        autoComplete="new-password"
        error={breaksRules ? t('rights.password.breaksRules') : passwordError}
        value={state.password}
        onChange={state.setPassword}
      />
      <PasswordChecklist id={rulesId} problems={problems} />
      <PasswordField
        id={fieldId('confirmation')}
        label={t('rights.password.confirmation')}
        autoComplete="new-password"
        error={isUnconfirmed ? t('rights.password.rules.confirmation') : confirmationError}
        value={state.confirmation}
        onChange={state.setConfirmation}
      />
    </>
  );
}
