import { describe, expect, it } from 'vitest';
import {
  isNoOpChange,
  isRoleWithin,
  managingRoles,
  operatorChangeProblem,
  tokenOperatorRole,
} from './operator-accounts.ts';
import type {
  OperatorAccountState,
  OperatorChange,
  OperatorChangeProblem,
} from './operator-accounts.ts';
import type { OperatorRole } from './operators.ts';

const admin = (id: string, isActive = true): OperatorAccountState => ({
  id,
  role: 'admin',
  isActive,
});
const agent = (id: string, isActive = true): OperatorAccountState => ({
  id,
  role: 'agent',
  isActive,
});
const toRole = (role: OperatorRole): OperatorChange => ({ kind: 'role', role });
const deactivate: OperatorChange = { kind: 'deactivate' };
const reactivate: OperatorChange = { kind: 'reactivate' };

describe('managingRoles', () => {
  it('is admin alone', () => {
    expect(managingRoles).toEqual(['admin']);
  });
});

describe('operatorChangeProblem', () => {
  it.each<
    [string, string, string[], OperatorAccountState, OperatorChange, OperatorChangeProblem | null]
  >([
    // who may act at all
    ['an admin promotes an agent', 'a1', ['a1'], agent('g1'), toRole('admin'), null],
    [
      'an admin makes an agent catalog manager',
      'a1',
      ['a1'],
      agent('g1'),
      toRole('catalog_manager'),
      null,
    ],
    ['a non-admin changes a role', 'g1', ['a1'], agent('g2'), toRole('admin'), 'not_allowed'],
    ['a non-admin promotes themselves', 'g1', ['a1'], agent('g1'), toRole('admin'), 'not_allowed'],
    [
      'a demoted admin, under lock, is no longer one',
      'a2',
      ['a1'],
      admin('a1'),
      toRole('agent'),
      'not_allowed',
    ],
    ['a non-admin asks for a no-op', 'g1', ['a1'], agent('g1'), toRole('agent'), 'not_allowed'],
    // the last active admin
    [
      'the last admin demotes themselves',
      'a1',
      ['a1'],
      admin('a1'),
      toRole('agent'),
      'last_active_admin',
    ],
    [
      'the last admin becomes catalog manager',
      'a1',
      ['a1'],
      admin('a1'),
      toRole('catalog_manager'),
      'last_active_admin',
    ],
    ['one of two admins demotes the other', 'a1', ['a1', 'a2'], admin('a2'), toRole('agent'), null],
    [
      'one of two admins demotes themselves',
      'a1',
      ['a1', 'a2'],
      admin('a1'),
      toRole('agent'),
      null,
    ],
    ['one of two admins deactivates the other', 'a1', ['a1', 'a2'], admin('a2'), deactivate, null],
    [
      'an admin demotes a deactivated admin',
      'a1',
      ['a1'],
      admin('a2', false),
      toRole('agent'),
      null,
    ],
    ['an admin keeps the admin role', 'a1', ['a1'], admin('a1'), toRole('admin'), null],
    // deactivation
    ['an admin deactivates an agent', 'a1', ['a1'], agent('g1'), deactivate, null],
    [
      'an admin deactivates themselves, another admin remains',
      'a1',
      ['a1', 'a2'],
      admin('a1'),
      deactivate,
      'self_deactivation',
    ],
    [
      'the last admin deactivates themselves',
      'a1',
      ['a1'],
      admin('a1'),
      deactivate,
      'self_deactivation',
    ],
    ['an agent deactivates an admin', 'g1', ['a1'], admin('a1'), deactivate, 'not_allowed'],
    ['deactivating a deactivated account', 'a1', ['a1'], agent('g1', false), deactivate, null],
    // reactivation
    ['an admin reactivates an agent', 'a1', ['a1'], agent('g1', false), reactivate, null],
    ['an admin reactivates an admin', 'a1', ['a1'], admin('a2', false), reactivate, null],
    ['an agent reactivates someone', 'g1', ['a1'], agent('g2', false), reactivate, 'not_allowed'],
  ])('%s', (_name, actorId, activeManagerIds, target, change, expected) => {
    expect(operatorChangeProblem({ actorId, activeManagerIds, target, change })).toBe(expected);
  });
});

describe('isNoOpChange', () => {
  it.each<[OperatorAccountState, OperatorChange, boolean]>([
    [agent('g1'), toRole('agent'), true],
    [agent('g1'), toRole('admin'), false],
    [agent('g1'), deactivate, false],
    [agent('g1', false), deactivate, true],
    [agent('g1', false), reactivate, false],
    [agent('g1'), reactivate, true],
  ])('%j %j → %s', (target, change, expected) => {
    expect(isNoOpChange(target, change)).toBe(expected);
  });
});

describe('isRoleWithin', () => {
  it.each<[OperatorRole, OperatorRole, boolean]>([
    ['agent', 'agent', true],
    ['agent', 'catalog_manager', false],
    ['agent', 'admin', true],
    ['catalog_manager', 'agent', false],
    ['catalog_manager', 'catalog_manager', true],
    ['catalog_manager', 'admin', true],
    ['admin', 'agent', false],
    ['admin', 'catalog_manager', false],
    ['admin', 'admin', true],
  ])('%s within %s: %s', (role, ceiling, expected) => {
    expect(isRoleWithin(role, ceiling)).toBe(expected);
  });
});

describe('tokenOperatorRole', () => {
  it.each<[OperatorRole, OperatorRole | null, OperatorRole | null]>([
    ['agent', null, 'agent'],
    ['admin', null, 'admin'],
    ['admin', 'agent', 'agent'],
    ['admin', 'catalog_manager', 'catalog_manager'],
    ['admin', 'admin', 'admin'],
    // the owner was demoted: an unlimited token follows, a limited one stops where it exceeds
    ['agent', 'admin', null],
    ['catalog_manager', 'agent', null],
    ['agent', 'agent', 'agent'],
  ])('owner %s, limit %s → %s', (ownerRole, limit, expected) => {
    expect(tokenOperatorRole(ownerRole, limit)).toBe(expected);
  });
});
