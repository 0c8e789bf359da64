import { TextField } from './text-field.tsx';
import type { TextFieldProps } from './text-field.tsx';

interface PasswordFieldProps extends Omit<TextFieldProps, 'type' | 'autoComplete'> {
  /** Which password the browser's manager should offer or save. */
  autoComplete: 'current-password' | 'new-password';
}

/** A required password input: the current one to sign in or prove, or a new one. */
export function PasswordField({ isRequired = true, ...props }: PasswordFieldProps) {
  return <TextField {...props} type="password" isRequired={isRequired} />;
}
