import { readFileSync } from 'node:fs';
import type { CatalogFileEntry } from '@guichet/contracts';
import { parseCatalogFile } from '../features/catalog-admin/catalog-file.ts';

/** A catalog of the demo data, as a catalogs file holds it. */
export type CatalogSeed = CatalogFileEntry;

/** Flexible Engine's default quotas (OpenStack/Huawei stack; DESIGN §2, inferred). */
export const defaultQuotas: Record<string, number> = {
  instances: 10,
  vcpus: 20,
  ram_mib: 51_200,
  floating_ips: 10,
  security_groups: 10,
  security_group_rules: 20,
  key_pairs: 100,
  server_groups: 10,
};

/**
 * The four change catalogs of DESIGN §2 (names verbatim from the user guide), read from
 * `catalogs.yaml` by the reader of the back-office's import: a file that does not pass its
 * checks stops the start.
 */
export const seedCatalogs: CatalogSeed[] = parseCatalogFile(
  readFileSync(new URL('./catalogs.yaml', import.meta.url), 'utf8'),
).catalogs;
