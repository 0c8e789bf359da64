import { useTranslation } from 'react-i18next';
import { passwordMinLength } from '@guichet/domain';
import type { PasswordRule } from '@guichet/domain';
import './grants-grid.css';

const shown: readonly PasswordRule[] = [
  'min_length',
  'lowercase',
  'uppercase',
  'digit',
  'special',
  'confirmation',
];

/**
 * The password rules, each ticked as the user types (the domain's `passwordProblems`, the
 * same rules the API applies).
 */
export function PasswordChecklist({
  id,
  problems,
}: {
  id: string;
  problems: readonly PasswordRule[];
}) {
  const { t } = useTranslation();
  return (
    <ul id={id} className="password-checklist" aria-label={t('rights.password.rulesTitle')}>
      {shown.map((rule) => {
        const isMet = !problems.includes(rule);
        return (
          <li
            key={rule}
            className={`password-checklist__item${isMet ? ' password-checklist__item--met' : ''}`}
          >
            <span className="password-checklist__mark" aria-hidden="true">
              {isMet ? '✓' : '•'}
            </span>
            <span>
              {t(`rights.password.rules.${rule}`, { min: passwordMinLength })}
              <span className="visually-hidden">
                {' '}
                {isMet ? t('rights.password.met') : t('rights.password.notMet')}
              </span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
