import { describe, expect, it } from 'vitest';
import type { Grant } from './access.ts';
import { accessChangeProblem, accessRemovalProblem, referentChangeProblem } from './referent.ts';
import type { ReferentChange, ReferentProblem } from './referent.ts';

const contractId = 'OCB0000001';
const usersManager: Grant[] = [{ contractId, section: 'users', profile: 'manager' }];
const usersViewer: Grant[] = [{ contractId, section: 'users', profile: 'viewer' }];
const requestsViewer: Grant[] = [{ contractId, section: 'requests', profile: 'viewer' }];
const elsewhere: Grant[] = [{ contractId: 'OCB0000002', section: 'requests', profile: 'manager' }];

const base: ReferentChange = {
  contractId,
  currentReferentId: 'referent',
  actorId: 'referent',
  actorGrants: requestsViewer,
  candidateId: 'candidate',
  candidateGrants: requestsViewer,
};

describe('referentChangeProblem', () => {
  it.each<[string, Partial<ReferentChange>, ReferentProblem | null]>([
    ['the referent designates a user who holds a right', {}, null],
    ['the referent needs no Utilisateurs profile to hand over', { actorGrants: [] }, null],
    [
      'any right on the contract is enough for the candidate',
      { candidateGrants: [{ contractId, section: 'contracts', profile: 'viewer' }] },
      null,
    ],
    [
      'a Gestionnaire on Utilisateurs who is not the referent may not',
      { actorId: 'someone', actorGrants: usersManager },
      'not_current_referent',
    ],
    ['anyone else may not', { actorId: 'someone' }, 'not_current_referent'],
    [
      'the referent may not designate themself again',
      { candidateId: 'referent' },
      'already_referent',
    ],
    [
      'the candidate must already hold a right on the contract',
      { candidateGrants: [] },
      'candidate_without_rights',
    ],
    [
      'a right on another contract does not count',
      { candidateGrants: elsewhere },
      'candidate_without_rights',
    ],
    [
      'without referent, a Gestionnaire on Utilisateurs designates the first one',
      { currentReferentId: null, actorId: 'someone', actorGrants: usersManager },
      null,
    ],
    [
      'without referent, a Gestionnaire on Utilisateurs may designate themself',
      {
        currentReferentId: null,
        actorId: 'someone',
        actorGrants: usersManager,
        candidateId: 'someone',
        candidateGrants: usersManager,
      },
      null,
    ],
    [
      'without referent, a Visiteur on Utilisateurs may not',
      { currentReferentId: null, actorId: 'someone', actorGrants: usersViewer },
      'not_users_manager',
    ],
    [
      'without referent, Utilisateurs on another contract does not count',
      {
        currentReferentId: null,
        actorId: 'someone',
        actorGrants: [{ contractId: 'OCB0000002', section: 'users', profile: 'manager' }],
      },
      'not_users_manager',
    ],
    [
      'without referent, the candidate must still hold a right',
      {
        currentReferentId: null,
        actorId: 'someone',
        actorGrants: usersManager,
        candidateGrants: [],
      },
      'candidate_without_rights',
    ],
  ])('%s', (_label, change, expected) => {
    expect(referentChangeProblem({ ...base, ...change })).toBe(expected);
  });
});

describe('accessRemovalProblem', () => {
  it.each<[string, string, string | null, ReturnType<typeof accessRemovalProblem>]>([
    ['actor', 'user', 'referent', null],
    ['actor', 'user', null, null],
    ['actor', 'actor', 'referent', 'own_access'],
    ['actor', 'actor', 'actor', 'own_access'],
    ['actor', 'referent', 'referent', 'referent_access'],
  ])('%s removing %s (referent: %s) → %s', (actorId, userId, referentId, expected) => {
    expect(accessRemovalProblem({ actorId, userId, referentId })).toBe(expected);
  });
});

describe('accessChangeProblem', () => {
  it.each<[string, string, ReturnType<typeof accessChangeProblem>]>([
    ['actor', 'user', null],
    ['actor', 'actor', 'own_access'],
  ])('%s changing %s → %s', (actorId, userId, expected) => {
    expect(accessChangeProblem({ actorId, userId })).toBe(expected);
  });
});
