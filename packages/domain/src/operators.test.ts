import { describe, expect, it } from 'vitest';
import { operatorCan, operatorCapabilities, operatorRoles, rolesWith } from './operators.ts';
import type { OperatorCapability, OperatorRole } from './operators.ts';

const table: [OperatorRole, OperatorCapability, boolean][] = [
  ['agent', 'process_requests', true],
  ['agent', 'read_outbox', true],
  ['agent', 'manage_catalogs', false],
  ['agent', 'read_audit', false],
  ['agent', 'sync_inventory', false],
  ['catalog_manager', 'process_requests', false],
  ['catalog_manager', 'read_outbox', false],
  ['catalog_manager', 'manage_catalogs', true],
  ['catalog_manager', 'read_audit', false],
  ['catalog_manager', 'sync_inventory', false],
  ['admin', 'process_requests', true],
  ['admin', 'read_outbox', true],
  ['admin', 'manage_catalogs', true],
  ['admin', 'read_audit', true],
  ['admin', 'sync_inventory', true],
];

describe('operatorCan', () => {
  it('covers every role and capability', () => {
    expect(table).toHaveLength(operatorRoles.length * operatorCapabilities.length);
  });

  it.each(table)('%s may %s: %s', (role, capability, expected) => {
    expect(operatorCan(role, capability)).toBe(expected);
  });
});

describe('rolesWith', () => {
  it.each([
    ['process_requests', ['agent', 'admin']],
    ['read_outbox', ['agent', 'admin']],
    ['manage_catalogs', ['catalog_manager', 'admin']],
    ['read_audit', ['admin']],
    ['sync_inventory', ['admin']],
  ] as const)('%s → %j', (capability, roles) => {
    expect(rolesWith(capability)).toEqual(roles);
  });
});
