import { randomInt } from 'node:crypto';
import type { Db } from '@guichet/db';
import { createContract } from '../features/provider-admin/provider-admin.service.ts';
import * as seed from '../seed/demo-data.repository.ts';
import { defaultQuotas } from '../seed/catalogs.ts';
import { stableId } from '../seed/stable-id.ts';

/** A new Flexible Engine contract of ACME, managed on Demandes by the given demo accounts. */
export async function buildContract(
  db: Db,
  options: {
    freeChangesPerMonth: number;
    managers?: string[];
    viewers?: string[];
    tokenPriceEur?: number;
  },
): Promise<{ contractId: string; tenantId: string }> {
  const contractId = `OCB${String(randomInt(8_000_000, 9_999_999)).padStart(7, '0')}`;
  await createContract({ db, clock: () => new Date() }, 'system', {
    id: contractId,
    customerId: stableId('customer:ACME'),
    supportLevel: 'Standard',
    freeChangesPerMonth: options.freeChangesPerMonth,
    tokenPriceEur: options.tokenPriceEur ?? 50,
    startsOn: '2026-01-01',
  });
  await seed.upsertAsset(db, {
    contractId,
    reference: `FE-${contractId}-1`,
    label: 'Service Flexible Engine test',
    type: 'fe_tenant',
    site: 'Paris',
    solution: 'Flexible Engine',
    attributes: { project: 'test', quotas: defaultQuotas },
  });
  for (const [emails, profile] of [
    [options.managers ?? [], 'manager'],
    [options.viewers ?? [], 'viewer'],
  ] as const) {
    for (const email of emails) {
      await seed.upsertGrant(db, {
        userId: stableId(`user:${email}`),
        contractId,
        section: 'requests',
        profile,
      });
    }
  }
  return { contractId, tenantId: stableId(`asset:${contractId}:FE-${contractId}-1`) };
}
