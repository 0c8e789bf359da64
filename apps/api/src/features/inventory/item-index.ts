/**
 * Large contracts' items held in the process for the item picker (decision 0011).
 *
 * In PostgreSQL, finding a page of a 40 000-item contract's items whose reference or label
 * contains the typed text meant walking up to the whole contract in reference order (a
 * broad word like « Disque » matching items that sort last) at about 1 µs an item
 * (`lower()` twice, two LIKEs): 40–120 ms. Here the same walk costs tens of nanoseconds an
 * item. The items are only the picker's keys (id, lowercased text, type); the
 * page's rows are read from the database, in the same statement that checks the contract's
 * items have not changed since they were loaded (`asset_versions`, migration 0011).
 */

/** The most matches counted: the picker shows "more than 1000" beyond. */
export const countedMatches = 1001;

/**
 * A contract's items in the database's reference order, as loaded at one version: a few
 * flat strings and typed arrays (about 100 bytes an item), not an object per item.
 */
export interface IndexedItems {
  contractId: string;
  version: string;
  count: number;
  /** Each item's `reference U+001F label` lowercased, each followed by U+001E. */
  text: string;
  /** Where each item's text starts in `text`; one more entry: the text's length. */
  starts: Uint32Array;
  /** The items' ids, 36 characters each, one after the other. */
  ids: string;
  /** Each item's type, as its index in `typeNames`. */
  types: Uint16Array;
  typeNames: string[];
}

/** An item as `readIndexedItems` reads it, in the database's reference order. */
export interface ItemRecord {
  /** The version of the contract's items the statement saw. */
  version: string;
  /** The item's id (36 characters) followed by its type. */
  key: string;
  /** `reference U+001F label`. */
  text: string;
}

// Separators no one types: the typed text cannot match across a reference and its label,
// nor across two items.
export const betweenFields = '\u001f';
const betweenItems = '\u001e';
const idLength = 36;

/** The index of a contract's items, or null when it has none. */
export function indexItems(contractId: string, records: ItemRecord[]): IndexedItems | null {
  const first = records[0];
  if (!first) return null;
  const count = records.length;
  const ids: string[] = new Array<string>(count);
  const texts: string[] = new Array<string>(count);
  const starts = new Uint32Array(count + 1);
  const types = new Uint16Array(count);
  const typeCodes = new Map<string, number>();
  let length = 0;
  records.forEach((record, position) => {
    ids[position] = record.key.slice(0, idLength);
    const type = record.key.slice(idLength);
    let code = typeCodes.get(type);
    if (code === undefined) typeCodes.set(type, (code = typeCodes.size));
    types[position] = code;
    // an item's text is cut by its length, never by looking for separators in it
    const text = `${record.text.toLowerCase()}${betweenItems}`;
    texts[position] = text;
    starts[position] = length;
    length += text.length;
  });
  starts[count] = length;
  if (typeCodes.size > 0xffff) return null;
  return {
    contractId,
    version: first.version,
    count,
    text: texts.join(''),
    starts,
    ids: ids.join(''),
    types,
    typeNames: [...typeCodes.keys()],
  };
}

/** The id of the item at `position`. */
export function itemIdAt(items: IndexedItems, position: number): string {
  return items.ids.slice(position * idLength, (position + 1) * idLength);
}

/** The position of the item with this id and reference, or -1. */
function positionOf(items: IndexedItems, [reference, id]: [string, string]): number {
  if (id.length !== idLength) return -1;
  for (let at = items.ids.indexOf(id); at !== -1; at = items.ids.indexOf(id, at + 1)) {
    if (at % idLength !== 0) continue;
    const position = at / idLength;
    const key = `${reference.toLowerCase()}${betweenFields}`;
    return items.text.startsWith(key, items.starts[position]) ? position : -1;
  }
  return -1;
}

/** The item whose text holds `offset`, searching forward from `from` (matches only move on). */
function itemAt(starts: Uint32Array, offset: number, from: number): number {
  let low = from;
  let high = starts.length - 2;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if ((starts[middle] as number) <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

export interface ItemScan {
  /** Typed text; matched without regard to case in the reference or the label. */
  q?: string;
  /** Only items of these types (none when empty). */
  types?: string[];
  /** The last item of the previous page. */
  after?: [reference: string, id: string];
  /** Items wanted on the page; one more is returned when there are more. */
  limit: number;
}

/**
 * The page (positions of up to `limit + 1` matches after the cursor) and the number of
 * matches up to 1001, in one pass that stops as soon as both are known. Null when the
 * cursor's item is not (or no longer) among the items: the caller asks the database.
 */
export function scanItems(
  items: IndexedItems,
  scan: ItemScan,
): { page: number[]; total: number } | null {
  let start = 0;
  if (scan.after) {
    const position = positionOf(items, scan.after);
    if (position === -1) return null;
    start = position + 1;
  }
  const needle = scan.q ? scan.q.toLowerCase() : '';
  if (needle.includes(betweenFields) || needle.includes(betweenItems))
    return { page: [], total: 0 };
  let wanted: Set<number> | null = null;
  if (scan.types) {
    wanted = new Set();
    for (const type of scan.types) {
      const code = items.typeNames.indexOf(type);
      if (code !== -1) wanted.add(code);
    }
  }
  const page: number[] = [];
  let total = 0;
  let position = 0;
  while (position < items.count) {
    if (needle !== '') {
      // the next item holding the text, found in the whole contract's text at once
      const offset = items.text.indexOf(needle, items.starts[position]);
      if (offset === -1) break;
      position = itemAt(items.starts, offset, position);
    }
    if (wanted === null || wanted.has(items.types[position] as number)) {
      if (total < countedMatches) total += 1;
      if (position >= start && page.length <= scan.limit) page.push(position);
      if (total === countedMatches && page.length > scan.limit) break;
    }
    position += 1;
  }
  return { page, total };
}

/**
 * The contracts' items this process holds, at most `capacity` items in all, the least
 * recently searched dropped first. A contract larger than the whole capacity is not held.
 */
export class ItemIndex {
  private readonly contracts = new Map<string, IndexedItems>();
  private readonly loading = new Map<string, Promise<IndexedItems | null>>();
  /** Contracts larger than the whole capacity: left to the database, not read again. */
  private readonly refused = new Set<string>();
  private held = 0;

  constructor(readonly capacity: number) {}

  get(contractId: string): IndexedItems | undefined {
    const items = this.contracts.get(contractId);
    if (items) {
      // most recently used last
      this.contracts.delete(contractId);
      this.contracts.set(contractId, items);
    }
    return items;
  }

  /** Loads a contract's items once however many searches ask at the same time. */
  async load(
    contractId: string,
    read: () => Promise<IndexedItems | null>,
  ): Promise<IndexedItems | null> {
    let pending = this.loading.get(contractId);
    if (!pending) {
      pending = read()
        .then((items) => (items ? this.keep(items) : null))
        .finally(() => this.loading.delete(contractId));
      this.loading.set(contractId, pending);
    }
    return pending;
  }

  refuses(contractId: string): boolean {
    return this.refused.has(contractId);
  }

  drop(contractId: string): void {
    const items = this.contracts.get(contractId);
    if (!items) return;
    this.contracts.delete(contractId);
    this.held -= items.count;
  }

  get size(): number {
    return this.held;
  }

  private keep(items: IndexedItems): IndexedItems | null {
    this.drop(items.contractId);
    if (items.count > this.capacity) {
      this.refused.add(items.contractId);
      return null;
    }
    for (const [contractId, held] of this.contracts) {
      if (this.held + items.count <= this.capacity) break;
      this.contracts.delete(contractId);
      this.held -= held.count;
    }
    this.contracts.set(items.contractId, items);
    this.held += items.count;
    return items;
  }
}
