/**
 * Large contracts' items held in the process for the item picker (decision 0011).
 *
 * In PostgreSQL, finding a page of a 40 000-item contract's items whose reference or label
 * contains the typed text meant walking up to the whole contract in reference order (a
 * broad word like « Disque » matching items that sort last) at about 1 µs an item
 * (`lower()` twice, two LIKEs): 40–120 ms. Here the same walk costs tens of nanoseconds an
 * item. The items are only the picker's keys (id, reference, lowercased text, type); the
 * page's rows are read from the database, in the same statement that checks the contract's
 * items have not changed since they were loaded (`asset_versions`, migration 0011).
 */

/** The most matches counted: the picker shows "more than 1000" beyond. */
export const countedMatches = 1001;

/** A contract's items in the database's reference order, as loaded at one version. */
export interface IndexedItems {
  contractId: string;
  version: string;
  ids: string[];
  references: string[];
  /** `lower(reference) U+001F lower(label)`: the text a search looks into. */
  texts: string[];
  types: string[];
  /** id → position, to find where a cursor's page starts. */
  positions: Map<string, number>;
}

export interface ItemRow {
  id: string;
  reference: string;
  label: string;
  type: string;
}

// A separator no one types: the typed text cannot match across reference and label.
const separator = '\u001f';

/** `rows` must come in the database's order (reference, id). */
export function indexItems(contractId: string, version: string, rows: ItemRow[]): IndexedItems {
  const typeNames = new Map<string, string>();
  const items: IndexedItems = {
    contractId,
    version,
    ids: new Array<string>(rows.length),
    references: new Array<string>(rows.length),
    texts: new Array<string>(rows.length),
    types: new Array<string>(rows.length),
    positions: new Map(),
  };
  rows.forEach((row, position) => {
    items.ids[position] = row.id;
    items.references[position] = row.reference;
    items.texts[position] = `${row.reference.toLowerCase()}${separator}${row.label.toLowerCase()}`;
    // a few types shared by thousands of items: keep one string each
    let type = typeNames.get(row.type);
    if (type === undefined) typeNames.set(row.type, (type = row.type));
    items.types[position] = type;
    items.positions.set(row.id, position);
  });
  return items;
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
    const position = items.positions.get(scan.after[1]);
    if (position === undefined || items.references[position] !== scan.after[0]) return null;
    start = position + 1;
  }
  const needle = scan.q ? scan.q.toLowerCase() : null;
  if (needle?.includes(separator)) return { page: [], total: 0 };
  const types = scan.types ? new Set(scan.types) : null;
  const page: number[] = [];
  let total = 0;
  const count = items.ids.length;
  for (let position = 0; position < count; position += 1) {
    if (types !== null && !types.has(items.types[position] as string)) continue;
    if (needle !== null && !(items.texts[position] as string).includes(needle)) continue;
    if (total < countedMatches) total += 1;
    if (position >= start && page.length <= scan.limit) page.push(position);
    if (total === countedMatches && page.length > scan.limit) break;
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
  async load(contractId: string, read: () => Promise<IndexedItems>): Promise<IndexedItems | null> {
    let pending = this.loading.get(contractId);
    if (!pending) {
      pending = read()
        .then((items) => this.keep(items))
        .finally(() => this.loading.delete(contractId));
      this.loading.set(contractId, pending);
    }
    return pending;
  }

  drop(contractId: string): void {
    const items = this.contracts.get(contractId);
    if (!items) return;
    this.contracts.delete(contractId);
    this.held -= items.ids.length;
  }

  get size(): number {
    return this.held;
  }

  private keep(items: IndexedItems): IndexedItems | null {
    this.drop(items.contractId);
    if (items.ids.length > this.capacity) return null;
    for (const [contractId, held] of this.contracts) {
      if (this.held + items.ids.length <= this.capacity) break;
      this.contracts.delete(contractId);
      this.held -= held.ids.length;
    }
    this.contracts.set(items.contractId, items);
    this.held += items.ids.length;
    return items;
  }
}
