import { describe, expect, it } from 'vitest';
import { operatorCan, operatorCapabilities, operatorRoles, rolesWith } from './operators.ts';
import type { OperatorCapability, OperatorRole } from './operators.ts';

const table: [OperatorRole, OperatorCapability, boolean][] = [
  ['agent', 'process_requests', true],
  ['agent', 'read_outbox', true],
  ['agent', 'manage_catalogs', false],
  ['agent', 'read_audit', false],
  ['agent', 'manage_customers', false],
  ['agent', 'manage_operators', false],
  ['agent', 'read_statements', true],
  ['agent', 'sync_inventory', false],
  ['agent', 'manage_webhooks', false],
  ['agent', 'execute_requests', false],
  ['agent', 'manage_change_periods', false],
  ['catalog_manager', 'process_requests', false],
  ['catalog_manager', 'read_outbox', false],
  ['catalog_manager', 'manage_catalogs', true],
  ['catalog_manager', 'read_audit', false],
  ['catalog_manager', 'manage_customers', false],
  ['catalog_manager', 'manage_operators', false],
  ['catalog_manager', 'read_statements', false],
  ['catalog_manager', 'sync_inventory', false],
  ['catalog_manager', 'manage_webhooks', false],
  ['catalog_manager', 'execute_requests', false],
  ['catalog_manager', 'manage_change_periods', false],
  ['admin', 'process_requests', true],
  ['admin', 'read_outbox', true],
  ['admin', 'manage_catalogs', true],
  ['admin', 'read_audit', true],
  ['admin', 'manage_customers', true],
  ['admin', 'manage_operators', true],
  ['admin', 'read_statements', true],
  ['admin', 'sync_inventory', true],
  ['admin', 'manage_webhooks', true],
  ['admin', 'execute_requests', true],
  ['admin', 'manage_change_periods', true],
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
    ['manage_customers', ['admin']],
    ['manage_operators', ['admin']],
    ['read_statements', ['agent', 'admin']],
    ['sync_inventory', ['admin']],
    ['manage_webhooks', ['admin']],
    ['execute_requests', ['admin']],
  ] as const)('%s → %j', (capability, roles) => {
    expect(rolesWith(capability)).toEqual(roles);
  });
});
