import { csvDateTime } from './csv.ts';
import type { RequestStatus } from './lifecycle.ts';
import type { Locale } from './locale.ts';
import { requestStatusLabels } from './status-labels.ts';

/** Who exports: a customer's list (its perimeter) or the back-office's queue (every customer). */
export type RequestExportSurface = 'customer' | 'back_office';

/** A request as an export writes it: the list's summary, dates as instants. */
export interface ExportedRequest {
  number: string | null;
  requestType: 'change' | 'incident' | 'order';
  status: RequestStatus;
  contractId: string;
  customerName: string | null;
  assetReference: string | null;
  assetLabel: string | null;
  catalogName: { fr: string; en: string } | null;
  articleName: { fr: string; en: string } | null;
  customerReference: string | null;
  authorName: string;
  assigneeName: string | null;
  createdAt: Date;
  submittedAt: Date | null;
  updatedAt: Date;
}

interface Column {
  header: Record<Locale, string>;
  /** Only in the back-office's export. */
  isBackOfficeOnly?: boolean;
  cell: (request: ExportedRequest, locale: Locale, timeZone: string) => string;
}

const requestTypeLabels: Record<Locale, Record<ExportedRequest['requestType'], string>> = {
  fr: { change: 'Demande de changement', incident: 'Incident', order: 'Commande' },
  en: { change: 'Change request', incident: 'Incident', order: 'Order' },
};

function named(name: { fr: string; en: string } | null, locale: Locale): string {
  if (name === null) return '';
  return locale === 'en' && name.en !== '' ? name.en : name.fr;
}

const columns: readonly Column[] = [
  { header: { fr: 'Numéro', en: 'Number' }, cell: (request) => request.number ?? '' },
  {
    header: { fr: 'Type de demande', en: 'Request type' },
    cell: (request, locale) => requestTypeLabels[locale][request.requestType],
  },
  {
    header: { fr: 'Statut', en: 'Status' },
    cell: (request, locale) => requestStatusLabels[locale][request.status],
  },
  {
    header: { fr: 'Client', en: 'Customer' },
    isBackOfficeOnly: true,
    cell: (request) => request.customerName ?? '',
  },
  { header: { fr: 'Contrat', en: 'Contract' }, cell: (request) => request.contractId },
  {
    header: { fr: 'Élément de parc', en: 'Inventory item' },
    cell: (request) => request.assetReference ?? '',
  },
  {
    header: { fr: 'Libellé de l’élément', en: 'Item label' },
    cell: (request) => request.assetLabel ?? '',
  },
  {
    header: { fr: 'Catalogue de changements', en: 'Change catalog' },
    cell: (request, locale) => named(request.catalogName, locale),
  },
  {
    header: { fr: 'Article de changement', en: 'Change article' },
    cell: (request, locale) => named(request.articleName, locale),
  },
  {
    header: { fr: 'Votre référence', en: 'Your reference' },
    cell: (request) => request.customerReference ?? '',
  },
  { header: { fr: 'Demandeur', en: 'Requester' }, cell: (request) => request.authorName },
  {
    header: { fr: 'Attribuée à', en: 'Assigned to' },
    isBackOfficeOnly: true,
    cell: (request) => request.assigneeName ?? '',
  },
  {
    header: { fr: 'Créée le', en: 'Created' },
    cell: (request, _locale, timeZone) => csvDateTime(request.createdAt, timeZone),
  },
  {
    header: { fr: 'Transmise le', en: 'Submitted' },
    cell: (request, _locale, timeZone) =>
      request.submittedAt ? csvDateTime(request.submittedAt, timeZone) : '',
  },
  {
    header: { fr: 'Mise à jour le', en: 'Updated' },
    cell: (request, _locale, timeZone) => csvDateTime(request.updatedAt, timeZone),
  },
];

function columnsOf(surface: RequestExportSurface): readonly Column[] {
  return surface === 'back_office' ? columns : columns.filter((column) => !column.isBackOfficeOnly);
}

/** The header row, in the user's language. */
export function requestExportHeader(surface: RequestExportSurface, locale: Locale): string[] {
  return columnsOf(surface).map((column) => column.header[locale]);
}

/** One request's cells, in the header's order: labels in the user's language, dates on its clock. */
export function requestExportCells(
  request: ExportedRequest,
  surface: RequestExportSurface,
  locale: Locale,
  timeZone: string,
): string[] {
  return columnsOf(surface).map((column) => column.cell(request, locale, timeZone));
}

/** `demandes-2026-12-07.csv`: the list's name and the user's day. */
export function requestExportFileName(
  surface: RequestExportSurface,
  now: Date,
  timeZone: string,
): string {
  const day = csvDateTime(now, timeZone).slice(0, 10);
  return surface === 'back_office' ? `file-des-demandes-${day}.csv` : `demandes-${day}.csv`;
}
