import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DomainError } from '@guichet/domain';
import type { AcceptInvitationBody, InvitationView } from '@guichet/contracts';
import { inTransaction, type Db } from '@guichet/db';
import type { Deps } from '../../http/context.ts';
import * as account from '../account/account.service.ts';
import { queueMail } from '../mail/mail.service.ts';
import { hashPassword } from '../session/passwords.ts';
import * as repository from './invitations.repository.ts';

/** How long an invitation link stays valid. */
export const invitationTtlHours = 72;

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const invalid = () => new DomainError('not_found', 'This invitation link is no longer valid');

export interface Invitee {
  id: string;
  email: string;
  displayName: string;
  login: string | null;
}

/**
 * Invites a user to set their first password: a single-use link valid `invitationTtlHours`,
 * mailed through the outbox in the caller's transaction. A newer invitation replaces older
 * ones. Returns the link (tests read it from the mail, as the user would). Without contracts,
 * the invitation opens the back-office (an operator account).
 *
 * `invitedBy: null` is the system (the seed), which accepts the link at once: nobody is to be
 * told, so no mail is queued.
 */
export async function invite(
  deps: Deps,
  input: {
    user: Invitee;
    invitedBy: { id: string; displayName: string } | null;
    contractIds: string[];
    publicUrl: string;
  },
): Promise<string> {
  const now = deps.clock();
  const token = randomBytes(32).toString('base64url');
  await repository.revokeOpenInvitations(deps.db, input.user.id, now);
  await repository.insertInvitation(deps.db, {
    id: randomUUID(),
    userId: input.user.id,
    tokenHash: hashOf(token),
    invitedBy: input.invitedBy?.id ?? null,
    at: now,
    expiresAt: new Date(now.getTime() + invitationTtlHours * 3_600_000),
  });
  const link = `${input.publicUrl}/invitation/${token}`;
  if (input.invitedBy === null) return link;
  const invitedBy = input.invitedBy;
  const contracts = input.contractIds.join(', ');
  const login = input.user.login ?? input.user.email;
  const isOperator = input.contractIds.length === 0;
  await queueMail(deps, {
    to: input.user.email,
    kind: 'invitation',
    subject: isOperator
      ? 'Votre accès au back-office Guichet / Your access to the Guichet back-office'
      : "Votre accès à l'Espace Client Cloud / Your access to the Cloud Customer Space",
    text: [
      `Bonjour ${input.user.displayName},`,
      '',
      isOperator
        ? `${invitedBy.displayName} vous a ouvert un compte opérateur dans le back-office Guichet.`
        : `${invitedBy.displayName} vous a ouvert un accès à l'Espace Client Cloud (contrat ${contracts}).`,
      `Votre identifiant : ${login}`,
      `Pour choisir votre mot de passe, ouvrez ce lien (valable ${invitationTtlHours} heures, une seule fois) :`,
      link,
      '',
      '---',
      '',
      `Hello ${input.user.displayName},`,
      '',
      isOperator
        ? `${invitedBy.displayName} opened an operator account for you in the Guichet back-office.`
        : `${invitedBy.displayName} gave you access to the Cloud Customer Space (contract ${contracts}).`,
      `Your login: ${login}`,
      `To choose your password, open this link (valid ${invitationTtlHours} hours, once):`,
      link,
    ].join('\n'),
  });
  return link;
}

/** Revokes the user's open invitation links (deactivation), in the caller's transaction. */
export async function revokeInvitationsOf(deps: Deps, userId: string): Promise<void> {
  await repository.revokeOpenInvitations(deps.db, userId, deps.clock());
}

export async function getInvitation(deps: Deps, token: string): Promise<InvitationView> {
  const invitation = await repository.findLiveInvitation(deps.db, hashOf(token), deps.clock());
  if (!invitation) throw invalid();
  return {
    email: invitation.email,
    login: invitation.login,
    displayName: invitation.display_name,
    expiresAt: invitation.expires_at.toISOString(),
  };
}

/** The token of an invitation link (the seed accepts the links it makes). */
export function tokenOf(link: string): string {
  return link.slice(link.lastIndexOf('/') + 1);
}

/**
 * Sets the first password and spends the link: a second use, or an expired link, is a 404.
 * In the caller's transaction when it has one (the seed's), else in a new one.
 */
export async function acceptInvitation(
  deps: Deps,
  token: string,
  body: AcceptInvitationBody,
): Promise<void> {
  account.checkNewPassword(body.password, body.confirmation, {
    password: 'password',
    confirmation: 'confirmation',
  });
  if (!(await repository.findLiveInvitation(deps.db, hashOf(token), deps.clock()))) throw invalid();
  const passwordHash = await hashPassword(body.password);
  const work = async (trx: Db) => {
    const now = deps.clock();
    const userId = await repository.useInvitation(trx, hashOf(token), now);
    if (userId === undefined) throw invalid();
    await repository.setFirstPassword(trx, userId, passwordHash, now);
  };
  await inTransaction(deps.db, work);
}
