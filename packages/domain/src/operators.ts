/** The provider's staff: roles instead of grants (DESIGN §3), each allowing some work. */
export const operatorRoles = ['agent', 'catalog_manager', 'admin'] as const;
export type OperatorRole = (typeof operatorRoles)[number];

export const operatorCapabilities = [
  /** The queue, the detail, assignment, lifecycle moves, quotes, comments, attachments. */
  'process_requests',
  /** The mail outbox (what was sent, failed or kept). */
  'read_outbox',
  /** Change catalogs and their articles. */
  'manage_catalogs',
  /** The audit of security events (logins, rights, tokens…). */
  'read_audit',
  /** Customers and their contracts (terms, status, first referent). */
  'manage_customers',
  /** Operator accounts: invite, change roles, deactivate and reactivate. */
  'manage_operators',
  /**
   * Monthly statements (what the provider invoices). Agents too: they already read every
   * request's cost decision and quote, and answer the customers' questions about them.
   */
  'read_statements',
  /** Loading the provider's inventory (inventory sync) and reading its runs. */
  'sync_inventory',
  /** The provider's outbound webhooks (every contract's events): subscriptions, attempts, replays. */
  'manage_webhooks',
  /**
   * Answering for the automatic articles' executions (decision 0032): the provider's
   * automation, with an operator API token (a service account's later). Admins only.
   */
  'execute_requests',
  /** Freeze and maintenance periods per offer or region (decision 0037). Admins only. */
  'manage_change_periods',
] as const;
export type OperatorCapability = (typeof operatorCapabilities)[number];

const capabilitiesOf: Record<OperatorRole, readonly OperatorCapability[]> = {
  agent: ['process_requests', 'read_outbox', 'read_statements'],
  catalog_manager: ['manage_catalogs'],
  /** Every capability: a new one is the admins' from the start. */
  admin: operatorCapabilities,
};

export function operatorCan(role: OperatorRole, capability: OperatorCapability): boolean {
  return capabilitiesOf[role].includes(capability);
}

/** Roles holding a capability, e.g. who may be assigned a request. */
export function rolesWith(capability: OperatorCapability): OperatorRole[] {
  return operatorRoles.filter((role) => operatorCan(role, capability));
}
