import type pg from 'pg';

/**
 * Rows gathered column by column and written in one `INSERT … SELECT * FROM unnest(…)`
 * statement: one round trip and one parse for thousands of rows (COPY without a
 * streaming dependency).
 */
export class BulkInsert {
  private readonly columns: (readonly [name: string, type: string])[];
  private values: unknown[][];
  private readonly statement: string;

  constructor(table: string, columns: Record<string, string>) {
    this.columns = Object.entries(columns);
    this.values = this.columns.map(() => []);
    const names = this.columns.map(([name]) => `"${name}"`).join(', ');
    const arrays = this.columns.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ');
    this.statement = `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${arrays})`;
  }

  get size(): number {
    return this.values[0]?.length ?? 0;
  }

  add(row: readonly unknown[]): void {
    if (row.length !== this.columns.length) {
      throw new Error(`expected ${this.columns.length} values, got ${row.length}`);
    }
    row.forEach((value, index) => this.values[index]?.push(value));
  }

  /** Sends the rows gathered so far and starts an empty batch. */
  async flush(client: pg.Pool | pg.PoolClient): Promise<number> {
    const size = this.size;
    if (size === 0) return 0;
    const values = this.values;
    this.values = this.columns.map(() => []);
    await client.query(this.statement, values);
    return size;
  }
}
