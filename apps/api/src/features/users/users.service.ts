import { randomUUID } from 'node:crypto';
import {
  DomainError,
  accessChangeProblem,
  accessRemovalProblem,
  contractsWith,
  denialReason,
  requireDistinctGrants,
  grantsBeyond,
  personName,
  profileOn,
  conflictOn,
} from '@guichet/domain';
import type { ErrorDetail, Grant, Profile, Section } from '@guichet/domain';
import type {
  AddUserBody,
  AddUserResult,
  SetAccessBody,
  UserListQuery,
  UserPage,
  UserView,
} from '@guichet/contracts';
import { inTransaction, isUniqueViolation, type Db } from '@guichet/db';
import { requireGrant } from '../../http/access.ts';
import type { AuthContext, Deps } from '../../http/context.ts';
import { keysetOf, keysetPage } from '../../lib/cursor.ts';
import { personFields } from '../../lib/person-fields.ts';
import { omitEmpty } from '../../lib/omit-empty.ts';
import * as invitations from '../invitations/invitations.service.ts';
import { queueMail } from '../mail/mail.service.ts';
import * as repository from './users.repository.ts';
import type { IdentityRow } from './users.repository.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';

const sectionNames: Record<Section, string> = {
  requests: 'Demandes',
  inventory: 'Parc',
  users: 'Utilisateurs',
  contracts: 'Contrats',
};
const profileNames: Record<Profile, string> = { viewer: 'Visiteur', manager: 'Gestionnaire' };

/** Contracts of the perimeter whose users the caller may see. */
function visibleContracts(auth: AuthContext): string[] {
  return contractsWith(auth.grants, 'users', 'viewer');
}

/** Contracts the caller may see users of, or a 403 saying which right is missing. */
function requireSomeUsersSection(auth: AuthContext): string[] {
  const contracts = visibleContracts(auth);
  if (contracts.length === 0) {
    throw new DomainError(
      'forbidden',
      'Aucun profil sur Utilisateurs : il faut au moins le profil Visiteur sur la section Utilisateurs d’un contrat',
    );
  }
  return contracts;
}

async function toViews(
  db: Db,
  rows: readonly IdentityRow[],
  contractIds: readonly string[],
): Promise<UserView[]> {
  const ids = rows.map((row) => row.id);
  const [grants, referents, requesters] = await Promise.all([
    repository.grantsOf(db, ids, contractIds),
    repository.referentContracts(db, ids, contractIds),
    repository.requesterContracts(db, ids, contractIds),
  ]);
  return rows.map((row) => ({
    ...personFields(row),
    status: row.activated_at === null ? 'invited' : 'active',
    grants: grants
      .filter((grant) => grant.userId === row.id)
      .map(({ contractId, section, profile }) => ({ contractId, section, profile })),
    referentOf: referents
      .filter((contract) => contract.referent_user_id === row.id)
      .map((contract) => contract.id),
    requesterOf: requesters
      .filter((requester) => requester.user_id === row.id)
      .map((requester) => requester.contract_id),
  }));
}

export async function listUsers(
  deps: Deps,
  auth: AuthContext,
  query: UserListQuery,
): Promise<UserPage> {
  const visible = requireSomeUsersSection(auth);
  if (query.contractId) requireGrant(auth, query.contractId, 'users', 'viewer');
  const contractIds = query.contractId ? [query.contractId] : visible;
  const { rows, total } = await repository.listUsers(deps.db, {
    contractIds,
    limit: query.limit,
    ...omitEmpty({ q: query.q, after: keysetOf(query.cursor) }),
  });
  const page = keysetPage(
    rows,
    query.limit,
    (row) => row,
    (last) => [last.display_name, last.id],
  );
  return { items: await toViews(deps.db, page.items, visible), nextCursor: page.nextCursor, total };
}

/** A user holding a grant on a contract whose users the caller sees; anyone else is a 404. */
async function visibleUser(db: Db, auth: AuthContext, id: string): Promise<IdentityRow> {
  const visible = visibleContracts(auth);
  const row = await repository.findUser(db, id);
  if (!row || !(await repository.holdsGrantOn(db, id, visible))) {
    throw new DomainError('not_found', 'User not found');
  }
  return row;
}

export async function getUser(deps: Deps, auth: AuthContext, id: string): Promise<UserView> {
  const row = await visibleUser(deps.db, auth, id);
  const [view] = await toViews(deps.db, [row], visibleContracts(auth));
  if (!view) throw new DomainError('not_found', 'User not found');
  return view;
}

/**
 * The caller may give these grants: Gestionnaire on Utilisateurs of each contract (unknown or
 * foreign contracts are 404s, as everywhere), and never more than their own profile.
 */
function checkGrantsToGive(auth: AuthContext, grants: readonly Grant[], path: string): void {
  const unknown: ErrorDetail[] = [];
  const readOnly: ErrorDetail[] = [];
  grants.forEach((grant, index) => {
    const reason = denialReason(auth.grants, grant.contractId, 'users', 'manager');
    if (reason === 'no_access')
      unknown.push({ path: `${path}.${index}.contractId`, message: 'Contract not found' });
    if (reason === 'viewer_read_only')
      readOnly.push({
        path: `${path}.${index}.contractId`,
        rule: 'viewer_read_only',
        message: 'Profil Visiteur sur Utilisateurs : lecture seule',
      });
  });
  if (unknown.length > 0) throw new DomainError('not_found', 'Contract not found', unknown);
  if (readOnly.length > 0) {
    throw new DomainError(
      'forbidden',
      'Profil Visiteur sur Utilisateurs : lecture seule',
      readOnly,
    );
  }
  requireDistinctGrants(grants, path);
  const beyond = new Set(grantsBeyond(grants, auth.grants).map((item) => item.grant));
  if (beyond.size > 0) {
    throw new DomainError(
      'forbidden',
      'Vous ne pouvez pas donner plus que votre propre profil',
      grants.flatMap((grant, index) => {
        if (!beyond.has(grant)) return [];
        const own = profileOn(auth.grants, grant.contractId, grant.section);
        return [
          {
            path: `${path}.${index}.profile`,
            rule: 'beyond_own_profile',
            message: `Votre profil sur ${sectionNames[grant.section]} (${grant.contractId}) : ${own ? profileNames[own] : 'Aucun'}`,
          },
        ];
      }),
    );
  }
}

/**
 * The seed's options: a fixed id for a new account, and the invitation link handed to
 * `onInvited` instead of mailed (the seed accepts it at once). With `onInvited`, nothing is
 * mailed or audited: demo data is no act of the referent's.
 */
export interface SeedOptions {
  id?: string;
  onInvited?: (link: string) => void;
}

/**
 * « Ajouter un utilisateur »: a new account (invited by mail to set its password), or, when
 * the e-mail is already known, the existing account, which gets the grants (and a mail).
 * In the caller's transaction when it has one (the seed's), else in a new one.
 */
export async function addUser(
  deps: Deps,
  auth: AuthContext,
  body: AddUserBody,
  options: { publicUrl: string } & SeedOptions,
): Promise<AddUserResult> {
  const isSeed = options.onInvited !== undefined;
  const invitedBy = isSeed ? null : { id: auth.user.id, displayName: auth.user.displayName };
  checkGrantsToGive(auth, body.grants, 'grants');
  const contractIds = [...new Set(body.grants.map((grant) => grant.contractId))];
  let userId = '';
  let reusedExistingAccount = false;
  let invitationSent = false;
  try {
    const work = async (trx: Db) => {
      const scoped = { ...deps, db: trx };
      const now = deps.clock();
      const sendInvitation = async (user: invitations.Invitee) => {
        const link = await invitations.invite(scoped, {
          user,
          invitedBy,
          contractIds,
          publicUrl: options.publicUrl,
        });
        options.onInvited?.(link);
        invitationSent = true;
      };
      const existing = await repository.findUserByEmail(trx, body.email);
      if (existing && existing.kind !== 'customer') {
        throw conflictOn('email', 'operator_email', 'This e-mail belongs to a provider account');
      }
      if (existing) {
        userId = existing.id;
        reusedExistingAccount = true;
        if (existing.activated_at === null) {
          await sendInvitation({
            id: existing.id,
            email: existing.email,
            displayName: existing.display_name,
            login: existing.login,
          });
        } else if (!isSeed) {
          await queueMail(scoped, {
            to: existing.email,
            kind: 'access_granted',
            subject:
              "Nouveaux droits dans l'Espace Client Cloud / New rights in the Cloud Customer Space",
            text: [
              `Bonjour ${existing.display_name},`,
              '',
              `${auth.user.displayName} vous a donné des droits sur le contrat ${contractIds.join(', ')}. Connectez-vous avec votre compte habituel.`,
              '',
              '---',
              '',
              `${auth.user.displayName} gave you rights on contract ${contractIds.join(', ')}. Log in with your usual account.`,
            ].join('\n'),
          });
        }
      } else {
        if (await repository.isLoginTaken(trx, body.login)) {
          throw conflictOn('login', 'login_taken', 'This login is already taken');
        }
        userId = options.id ?? randomUUID();
        await repository.insertUser(trx, {
          id: userId,
          login: body.login,
          email: body.email,
          firstName: body.firstName,
          lastName: body.lastName,
          phone: body.phone ?? null,
          locale: auth.user.locale,
          at: now,
        });
        await sendInvitation({
          id: userId,
          email: body.email,
          displayName: personName(body),
          login: body.login,
        });
      }
      await repository.upsertGrants(trx, userId, body.grants, now);
      if (isSeed) return;
      await recordAudit(
        { ...deps, db: trx },
        {
          kind: invitationSent ? 'user_invited' : 'rights_changed',
          actor: actorOf(auth),
          target: { type: 'user', id: userId },
          data: { grants: body.grants, reusedExistingAccount },
        },
      );
    };
    await inTransaction(deps.db, work);
  } catch (error) {
    // Two additions of the same e-mail or login at once: the second finds it taken.
    if (isUniqueViolation(error)) {
      throw new DomainError('conflict', 'This e-mail or login was just taken: try again');
    }
    throw error;
  }
  return { user: await getUser(deps, auth, userId), reusedExistingAccount, invitationSent };
}

/** Sets a user's complete grants on one contract (Gestionnaire on Utilisateurs there). */
export async function setAccess(
  deps: Deps,
  auth: AuthContext,
  userId: string,
  contractId: string,
  body: SetAccessBody,
): Promise<UserView> {
  requireGrant(auth, contractId, 'users', 'manager');
  await visibleUser(deps.db, auth, userId);
  if (accessChangeProblem({ actorId: auth.user.id, userId }) === 'own_access') {
    throw new DomainError('forbidden', 'Vous ne pouvez pas modifier vos propres droits');
  }
  const grants = body.grants.map((grant) => ({ ...grant, contractId }));
  checkGrantsToGive(auth, grants, 'grants');
  await deps.db.transaction().execute(async (trx) => {
    await repository.replaceGrantsOnContract(trx, userId, contractId, body.grants, deps.clock());
    await recordAudit(
      { ...deps, db: trx },
      {
        kind: 'rights_changed',
        actor: actorOf(auth),
        target: { type: 'user', id: userId },
        data: { contractId, grants: body.grants },
      },
    );
  });
  return getUser(deps, auth, userId);
}

/** Removes a user's access to a contract: every grant there, and the requester entry. */
export async function removeAccess(
  deps: Deps,
  auth: AuthContext,
  userId: string,
  contractId: string,
): Promise<void> {
  requireGrant(auth, contractId, 'users', 'manager');
  await deps.db.transaction().execute(async (trx) => {
    const contract = await repository.findContractCustomer(trx, contractId);
    if (!contract || !(await repository.holdsGrantOn(trx, userId, [contractId]))) {
      throw new DomainError('not_found', 'User not found on this contract');
    }
    const problem = accessRemovalProblem({
      actorId: auth.user.id,
      userId,
      referentId: contract.referent_user_id,
    });
    if (problem === 'own_access') {
      throw new DomainError('forbidden', 'Vous ne pouvez pas retirer vos propres droits');
    }
    if (problem === 'referent_access') {
      throw new DomainError(
        'conflict',
        'Le référent du contrat garde ses droits : le référent doit d’abord désigner son successeur',
      );
    }
    await repository.removeAccess(trx, userId, contractId);
    await recordAudit(
      { ...deps, db: trx },
      {
        kind: 'user_access_removed',
        actor: actorOf(auth),
        target: { type: 'user', id: userId },
        data: { contractId },
      },
    );
  });
}

/** Sends a new invitation to a user who has not set a password yet (the old link stops). */
export async function resendInvitation(
  deps: Deps,
  auth: AuthContext,
  userId: string,
  options: { publicUrl: string },
): Promise<void> {
  const row = await visibleUser(deps.db, auth, userId);
  const managed = contractsWith(auth.grants, 'users', 'manager');
  const grants = await repository.grantsOf(deps.db, [userId], managed);
  if (grants.length === 0) {
    throw new DomainError('forbidden', 'Profil Visiteur sur Utilisateurs : lecture seule');
  }
  if (row.activated_at !== null) {
    throw new DomainError('conflict', 'This user has already set a password');
  }
  await deps.db.transaction().execute(async (trx) => {
    await invitations.invite(
      { ...deps, db: trx },
      {
        user: { id: row.id, email: row.email, displayName: row.display_name, login: row.login },
        invitedBy: { id: auth.user.id, displayName: auth.user.displayName },
        contractIds: [...new Set(grants.map((grant) => grant.contractId))],
        publicUrl: options.publicUrl,
      },
    );
  });
}

/** A user's grants on one contract (for referents and requesters). */
export async function grantsOnContract(
  deps: Deps,
  userId: string,
  contractId: string,
): Promise<Grant[]> {
  const rows = await repository.grantsOf(deps.db, [userId], [contractId]);
  return rows.map(({ contractId: id, section, profile }) => ({ contractId: id, section, profile }));
}

/** Which of `userIds` hold a grant on the contract. */
export async function usersWithRightsOn(
  deps: Deps,
  userIds: readonly string[],
  contractId: string,
): Promise<Set<string>> {
  const rows = await repository.grantsOf(deps.db, userIds, [contractId]);
  return new Set(rows.map((row) => row.userId));
}

export async function removeAllAccess(deps: Deps, userId: string, contractId: string) {
  await repository.removeAccess(deps.db, userId, contractId);
}

/** The account an e-mail belongs to, if any (customer or operator). */
export async function accountByEmail(
  deps: Deps,
  email: string,
): Promise<{ id: string; kind: 'customer' | 'operator' } | undefined> {
  const row = await repository.findUserByEmail(deps.db, email);
  return row && { id: row.id, kind: row.kind };
}

/** Gives the grants (a profile already held on the same contract and section is replaced). */
export async function giveGrants(deps: Deps, userId: string, grants: readonly Grant[]) {
  await repository.upsertGrants(deps.db, userId, grants, deps.clock());
}

/**
 * A new customer account with `grants`, invited by mail to set its password, in the caller's
 * transaction (the provider's admin naming a new contract's first referent). Logs in with its
 * e-mail. Returns its id.
 */
export async function inviteCustomerUser(
  deps: Deps,
  input: {
    email: string;
    firstName: string;
    lastName: string;
    locale: 'fr' | 'en';
    grants: readonly Grant[];
    /** Null: the system (the seed), which gets the link in `onInvited` instead of a mail. */
    invitedBy: { id: string; displayName: string } | null;
    publicUrl: string;
  } & SeedOptions,
): Promise<string> {
  const id = input.id ?? randomUUID();
  await repository.insertUser(deps.db, {
    id,
    login: null,
    email: input.email,
    firstName: input.firstName,
    lastName: input.lastName,
    phone: null,
    locale: input.locale,
    at: deps.clock(),
  });
  await repository.upsertGrants(deps.db, id, input.grants, deps.clock());
  const link = await invitations.invite(deps, {
    user: {
      id,
      email: input.email,
      displayName: personName(input),
      login: null,
    },
    invitedBy: input.invitedBy,
    contractIds: [...new Set(input.grants.map((grant) => grant.contractId))],
    publicUrl: input.publicUrl,
  });
  input.onInvited?.(link);
  return id;
}
