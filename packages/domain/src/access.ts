export const sections = ['requests', 'inventory', 'users', 'contracts'] as const;
export type Section = (typeof sections)[number];

export const profiles = ['viewer', 'manager'] as const;
export type Profile = (typeof profiles)[number];

export interface Grant {
  contractId: string;
  section: Section;
  profile: Profile;
}

const rank: Record<Profile, number> = { viewer: 1, manager: 2 };

export function profileOn(
  grants: readonly Grant[],
  contractId: string,
  section: Section,
): Profile | null {
  const grant = grants.find((g) => g.contractId === contractId && g.section === section);
  return grant ? grant.profile : null;
}

export function hasProfile(
  grants: readonly Grant[],
  contractId: string,
  section: Section,
  atLeast: Profile,
): boolean {
  const profile = profileOn(grants, contractId, section);
  return profile !== null && rank[profile] >= rank[atLeast];
}

/** Why an action is refused, as a stable reason key the UI translates; null when allowed. */
export type DenialReason = 'no_access' | 'viewer_read_only';

export function denialReason(
  grants: readonly Grant[],
  contractId: string,
  section: Section,
  needed: Profile,
): DenialReason | null {
  const profile = profileOn(grants, contractId, section);
  if (profile === null) return 'no_access';
  if (rank[profile] < rank[needed]) return 'viewer_read_only';
  return null;
}

/** Contracts on which the user holds at least `atLeast` on `section`. */
export function contractsWith(
  grants: readonly Grant[],
  section: Section,
  atLeast: Profile,
): string[] {
  return [
    ...new Set(
      grants
        .filter((g) => g.section === section && rank[g.profile] >= rank[atLeast])
        .map((g) => g.contractId),
    ),
  ];
}
