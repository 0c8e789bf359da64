import type { TFunction } from 'i18next';
import { profileOn, sections } from '@guichet/domain';
import type { Grant, Profile, Section } from '@guichet/domain';

/** « Gestionnaire » / « Visiteur » / « Aucun » for a user's profile on a contract's section. */
export function profileLabel(
  t: TFunction,
  grants: readonly Grant[],
  contractId: string,
  section: Section,
): string {
  const profile: Profile | null = profileOn(grants, contractId, section);
  return t(`rights.profiles.${profile ?? 'none'}`);
}

/** « Demandes : Gestionnaire, Parc : Visiteur » — the profiles held on one contract. */
export function grantsSummary(t: TFunction, grants: readonly Grant[], contractId: string): string {
  const held = sections.flatMap((section) => {
    const profile = profileOn(grants, contractId, section);
    return profile
      ? [`${t(`rights.sections.${section}`)} : ${t(`rights.profiles.${profile}`)}`]
      : [];
  });
  return held.length > 0 ? held.join(', ') : t('rights.profiles.none');
}
