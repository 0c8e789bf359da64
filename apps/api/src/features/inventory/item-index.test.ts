import { describe, expect, it } from 'vitest';
import {
  ItemIndex,
  betweenFields,
  countedMatches,
  indexItems as indexRecords,
  itemIdAt,
  scanItems,
} from './item-index.ts';

interface ItemRow {
  id: string;
  reference: string;
  label: string;
  type: string;
}

/** What `readIndexedItems` reads for these rows. */
function indexItems(contractId: string, version: string, rows: ItemRow[]) {
  const items = indexRecords(
    contractId,
    rows.map((row) => ({
      version,
      key: `${row.id}${row.type}`,
      text: `${row.reference}${betweenFields}${row.label}`,
    })),
  );
  if (!items) throw new Error('not indexed');
  return items;
}

const idOf = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const row = (n: number, label: string, type = 'ecs'): ItemRow => ({
  id: idOf(n),
  reference: `ECS-${String(n).padStart(4, '0')}`,
  label,
  type,
});

const items = indexItems('OCB0000001', '3', [
  row(1, 'paie-prod-01'),
  row(2, 'Disque système', 'evs'),
  row(3, 'compta-PROD-02'),
  row(4, 'Disque données', 'evs'),
  row(5, 'IP publique', 'eip'),
]);
// the test ids end with the item's number
const references = (positions: number[], of = items) =>
  positions.map((position) => `ECS-${itemIdAt(of, position).slice(-4)}`);

describe('scanItems', () => {
  it.each([
    [{ limit: 20 }, ['ECS-0001', 'ECS-0002', 'ECS-0003', 'ECS-0004', 'ECS-0005'], 5],
    [{ q: 'prod', limit: 20 }, ['ECS-0001', 'ECS-0003'], 2],
    [{ q: 'DISQUE', limit: 20 }, ['ECS-0002', 'ECS-0004'], 2],
    [{ q: 'ecs-000', limit: 20 }, ['ECS-0001', 'ECS-0002', 'ECS-0003', 'ECS-0004', 'ECS-0005'], 5],
    [{ q: 'système', limit: 20 }, ['ECS-0002'], 1],
    [{ q: 'nothing', limit: 20 }, [], 0],
    [{ types: ['evs', 'eip'], limit: 20 }, ['ECS-0002', 'ECS-0004', 'ECS-0005'], 3],
    [{ types: ['evs'], q: 'données', limit: 20 }, ['ECS-0004'], 1],
    [{ types: [], limit: 20 }, [], 0],
    // one more than the page when there are more
    [{ limit: 2 }, ['ECS-0001', 'ECS-0002', 'ECS-0003'], 5],
    // after a cursor; the total still counts every match
    [
      { after: ['ECS-0002', idOf(2)] as [string, string], limit: 2 },
      ['ECS-0003', 'ECS-0004', 'ECS-0005'],
      5,
    ],
    [{ after: ['ECS-0003', idOf(3)] as [string, string], q: 'prod', limit: 2 }, [], 2],
  ])('%j', (scan, expected, total) => {
    const found = scanItems(items, scan);
    expect(found && references(found.page)).toEqual(expected);
    expect(found?.total).toBe(total);
  });

  it('never matches across the reference and the label, nor across two items', () => {
    expect(scanItems(items, { q: '0001paie', limit: 20 })?.total).toBe(0);
    expect(scanItems(items, { q: '0001\u001fpaie', limit: 20 })?.total).toBe(0);
    expect(scanItems(items, { q: 'prod-01ecs', limit: 20 })?.total).toBe(0);
  });

  it('keeps an item whose text holds a separator one item, and indexes no empty contract', () => {
    const odd = indexItems('OCB0000001', '1', [
      row(1, `a\u001e${idOf(9)}ecs`),
      row(2, 'b\u001fc'),
      row(3, 'd'),
    ]);
    expect(odd.count).toBe(3);
    expect(references(scanItems(odd, { q: 'ecs', limit: 20 })?.page ?? [], odd)).toEqual([
      'ECS-0001',
      'ECS-0002',
      'ECS-0003',
    ]);
    expect(scanItems(odd, { q: '000000000009ecs', limit: 20 })?.page).toEqual([0]);
    expect(scanItems(odd, { q: 'd', limit: 20 })?.page).toEqual([2]);
    expect(indexRecords('OCB0000001', [])).toBeNull();
  });

  it('gives up on a cursor whose item it does not hold', () => {
    expect(scanItems(items, { after: ['ECS-0009', idOf(9)], limit: 2 })).toBeNull();
    expect(scanItems(items, { after: ['ECS-0001', idOf(2)], limit: 2 })).toBeNull();
    expect(scanItems(items, { after: ['ECS-0001', 'not-an-id'], limit: 2 })).toBeNull();
  });

  it('counts up to 1001 matches and still finds a page far after them', () => {
    const many = indexItems(
      'OCB0000001',
      '1',
      Array.from({ length: 3000 }, (_, n) => row(n, n % 2 === 0 ? 'even' : 'odd')),
    );
    const first = scanItems(many, { q: 'even', limit: 20 });
    expect(first?.total).toBe(countedMatches);
    expect(first?.page).toHaveLength(21);
    const late = scanItems(many, { q: 'odd', after: ['ECS-2900', idOf(2900)], limit: 20 });
    expect(late?.total).toBe(countedMatches);
    expect(references(late?.page ?? [], many)).toEqual(
      Array.from({ length: 49 }, (_, n) => `ECS-${2901 + 2 * n}`).slice(0, 21),
    );
  });
});

describe('ItemIndex', () => {
  const contract = (id: string, size: number) =>
    indexItems(
      id,
      '1',
      Array.from({ length: size }, (_, n) => row(n, 'x')),
    );

  it('holds at most its capacity, dropping the least recently searched first', async () => {
    const index = new ItemIndex(10);
    await index.load('A', () => Promise.resolve(contract('A', 4)));
    await index.load('B', () => Promise.resolve(contract('B', 4)));
    expect(index.get('A')).toBeDefined(); // A is now the most recent
    await index.load('C', () => Promise.resolve(contract('C', 4)));
    expect(index.get('B')).toBeUndefined();
    expect(index.get('A')).toBeDefined();
    expect(index.get('C')).toBeDefined();
    expect(index.size).toBe(8);
    expect(index.refuses('D')).toBe(false);
    expect(await index.load('D', () => Promise.resolve(contract('D', 11)))).toBeNull();
    expect(index.size).toBe(8);
    expect(index.refuses('D')).toBe(true);
    index.drop('A');
    expect(index.size).toBe(4);
  });

  it('reads a contract once for the searches that ask at the same time', async () => {
    const index = new ItemIndex(100);
    let reads = 0;
    const read = async () => {
      reads += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return contract('A', 3);
    };
    const loaded = await Promise.all([index.load('A', read), index.load('A', read)]);
    expect(reads).toBe(1);
    expect(loaded[0]).toBe(loaded[1]);
    // a failed read is not kept: the next search reads again
    await expect(
      index.load('B', () => Promise.reject(new Error('connection lost'))),
    ).rejects.toThrow('connection lost');
    expect(await index.load('B', () => Promise.resolve(contract('B', 2)))).not.toBeNull();
  });
});
