import { useTranslation } from 'react-i18next';
import type { Profile } from '@guichet/domain';

const rank: Record<Profile, number> = { viewer: 1, manager: 2 };

interface ProfileSelectProps {
  id: string;
  /** The accessible name, e.g. « Demandes — OCB0005121 ». */
  label: string;
  value: Profile | null;
  /** The highest profile that may be chosen (the giver's own); null: only « Aucun ». */
  ceiling: Profile | null;
  onChange: (profile: Profile | null) => void;
  isDisabled?: boolean;
  describedBy?: string;
  isInvalid?: boolean;
}

/** « Aucun », « Visiteur » or « Gestionnaire »; profiles above the ceiling are offered disabled. */
export function ProfileSelect({
  id,
  label,
  value,
  ceiling,
  onChange,
  isDisabled = false,
  describedBy,
  isInvalid,
}: ProfileSelectProps) {
  const { t } = useTranslation();
  const allowed = (profile: Profile) => ceiling !== null && rank[profile] <= rank[ceiling];
  return (
    <select
      id={id}
      aria-label={label}
      className={`profile-select profile-select--${value ?? 'none'}`}
      value={value ?? ''}
      disabled={isDisabled}
      aria-describedby={describedBy}
      aria-invalid={isInvalid || undefined}
      onChange={(event) => onChange((event.target.value || null) as Profile | null)}
    >
      <option value="">{t('rights.profiles.none')}</option>
      {(['viewer', 'manager'] as const).map((profile) => (
        <option key={profile} value={profile} disabled={!allowed(profile) && value !== profile}>
          {t(`rights.profiles.${profile}`)}
        </option>
      ))}
    </select>
  );
}
