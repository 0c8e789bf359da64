import { describe, expect, it } from 'vitest';
import {
  requestExportCells,
  requestExportFileName,
  requestExportHeader,
} from './request-export.ts';
import type { ExportedRequest } from './request-export.ts';

const request: ExportedRequest = {
  number: 'CHG-2026-000123',
  requestType: 'change',
  status: 'quote_sent',
  contractId: 'OCB0005121',
  customerName: 'ACME',
  assetReference: 'FE-OCB0005121-1',
  assetLabel: 'Tenant de production',
  catalogName: { fr: 'Catalogue de Changement Standard', en: 'Standard change catalog' },
  articleName: { fr: 'Modifier mes quotas', en: '' },
  customerReference: null,
  authorName: 'Camille Martin',
  assigneeName: null,
  createdAt: new Date('2026-11-20T09:00:00Z'),
  submittedAt: null,
  updatedAt: new Date('2026-11-20T23:15:00Z'),
};

describe('request exports', () => {
  it.each([
    ['customer', 'fr', 13, 'Numéro', 'Mise à jour le'],
    ['customer', 'en', 13, 'Number', 'Updated'],
    ['back_office', 'fr', 15, 'Numéro', 'Mise à jour le'],
    ['back_office', 'en', 15, 'Number', 'Updated'],
  ] as const)('%s in %s: %i columns from %s to %s', (surface, locale, count, first, last) => {
    const header = requestExportHeader(surface, locale);
    expect(header).toHaveLength(count);
    expect([header[0], header.at(-1)]).toEqual([first, last]);
    expect(requestExportCells(request, surface, locale, 'Europe/Paris')).toHaveLength(count);
  });

  it('writes labels in the language and dates on the clock asked; a missing English name falls back to French', () => {
    expect(requestExportCells(request, 'back_office', 'en', 'Europe/Paris')).toEqual([
      'CHG-2026-000123',
      'Change request',
      'Quote to approve',
      'ACME',
      'OCB0005121',
      'FE-OCB0005121-1',
      'Tenant de production',
      'Standard change catalog',
      'Modifier mes quotas',
      '',
      'Camille Martin',
      '',
      '2026-11-20 10:00',
      '',
      '2026-11-21 00:15',
    ]);
    expect(requestExportCells(request, 'customer', 'fr', 'UTC').slice(1, 3)).toEqual([
      'Demande de changement',
      'Devis à valider',
    ]);
  });

  it.each([
    ['customer', '2026-12-31T23:30:00Z', 'Europe/Paris', 'demandes-2027-01-01.csv'],
    ['customer', '2026-12-31T23:30:00Z', 'UTC', 'demandes-2026-12-31.csv'],
    ['back_office', '2026-11-20T10:00:00Z', 'Europe/Paris', 'file-des-demandes-2026-11-20.csv'],
  ] as const)('%s at %s in %s is named %s', (surface, now, timeZone, name) => {
    expect(requestExportFileName(surface, new Date(now), timeZone)).toBe(name);
  });
});
