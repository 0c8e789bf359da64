import type { Field, FormDefinition, FormValues, Locale } from '@guichet/domain';
import type { RequestFields } from '@guichet/contracts';
import { compactValues, displayValue, localize, rowsOf } from '../../lib/form-values.ts';

/** One side of a draft conflict: the fields as sent, with the names the screen shows. */
export interface DraftSide {
  fields: Omit<RequestFields, 'contractId'>;
  assetName: string | null;
  catalogName: string | null;
  articleName: string | null;
}

/** A field whose value differs between the version saved elsewhere and the screen. */
export interface DraftDifference {
  /** A stable key (the field's path). */
  path: string;
  label: string;
  theirs: string;
  mine: string;
}

export interface DiffTexts {
  locale: Locale;
  asset: string;
  catalog: string;
  article: string;
  customerReference: string;
  comment: string;
  outsideBusinessHours: string;
  executionWindow: string;
  yes: string;
  no: string;
  rowNumber: (number: number) => string;
}

const same = (left: unknown, right: unknown) => JSON.stringify(left) === JSON.stringify(right);

/** The execution window asked, as typed (`2026-12-20 22:00 → 2026-12-21 02:00`), or ''. */
function windowText(window: RequestFields['executionWindow']): string {
  if (!window) return '';
  return `${window.startsAt.replace('T', ' ')} → ${window.endsAt.replace('T', ' ')}`;
}
const blank = '—';

/**
 * What differs between the version of a draft saved elsewhere (`theirs`) and the screen
 * (`mine`): the item, catalog, article, each answer by its label (rows cell by cell), the
 * reference, the comment and the out-of-hours choice, in the form's order.
 */
export function draftDifferences(
  theirs: DraftSide,
  mine: DraftSide,
  form: FormDefinition | null,
  texts: DiffTexts,
): DraftDifference[] {
  const differences: DraftDifference[] = [];
  const add = (path: string, label: string, theirValue: string, myValue: string) =>
    differences.push({ path, label, theirs: theirValue || blank, mine: myValue || blank });
  const yesNo = { yes: texts.yes, no: texts.no };
  const show = (field: Field, value: unknown) => displayValue(field, value, texts.locale, yesNo);

  if (theirs.fields.assetId !== mine.fields.assetId)
    add('assetId', texts.asset, theirs.assetName ?? '', mine.assetName ?? '');
  if (theirs.fields.catalogId !== mine.fields.catalogId)
    add('catalogId', texts.catalog, theirs.catalogName ?? '', mine.catalogName ?? '');
  if (theirs.fields.articleId !== mine.fields.articleId)
    add('articleId', texts.article, theirs.articleName ?? '', mine.articleName ?? '');

  const theirValues: FormValues = compactValues(theirs.fields.values);
  const myValues: FormValues = compactValues(mine.fields.values);
  for (const field of form?.fields ?? []) {
    const label = localize(field.label, texts.locale);
    const theirValue = theirValues[field.key];
    const myValue = myValues[field.key];
    if (same(theirValue, myValue)) continue;
    if (field.kind !== 'rows') {
      add(field.key, label, show(field, theirValue), show(field, myValue));
      continue;
    }
    const theirRows = rowsOf(theirValue);
    const myRows = rowsOf(myValue);
    for (let index = 0; index < Math.max(theirRows.length, myRows.length); index += 1) {
      const theirRow = theirRows[index] ?? {};
      const myRow = myRows[index] ?? {};
      for (const cell of field.fields) {
        if (same(theirRow[cell.key], myRow[cell.key])) continue;
        add(
          `${field.key}.${index}.${cell.key}`,
          `${label} › ${texts.rowNumber(index + 1)} › ${localize(cell.label, texts.locale)}`,
          show(cell, theirRow[cell.key]),
          show(cell, myRow[cell.key]),
        );
      }
    }
  }

  if ((theirs.fields.customerReference ?? '') !== (mine.fields.customerReference ?? ''))
    add(
      'customerReference',
      texts.customerReference,
      theirs.fields.customerReference ?? '',
      mine.fields.customerReference ?? '',
    );
  if ((theirs.fields.comment ?? '') !== (mine.fields.comment ?? ''))
    add('comment', texts.comment, theirs.fields.comment ?? '', mine.fields.comment ?? '');
  if (theirs.fields.outsideBusinessHours !== mine.fields.outsideBusinessHours)
    add(
      'outsideBusinessHours',
      texts.outsideBusinessHours,
      theirs.fields.outsideBusinessHours ? texts.yes : texts.no,
      mine.fields.outsideBusinessHours ? texts.yes : texts.no,
    );
  const theirWindow = windowText(theirs.fields.executionWindow);
  const myWindow = windowText(mine.fields.executionWindow);
  if (theirWindow !== myWindow)
    add('executionWindow', texts.executionWindow, theirWindow, myWindow);
  return differences;
}
