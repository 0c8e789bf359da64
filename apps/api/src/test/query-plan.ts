import { sql } from 'kysely';
import { createDb } from '@guichet/db';

/** One node of a plan as `EXPLAIN (FORMAT JSON)` writes it. */
interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

export interface PlanFigures {
  /** Tables read whole (`Seq Scan`), by name. */
  sequentialScans: string[];
  /** Rows read and then dropped by a filter, over every node (ANALYZE). */
  rowsRemovedByFilter: number;
}

function figuresOf(node: PlanNode, figures: PlanFigures): PlanFigures {
  if (node['Node Type'] === 'Seq Scan' && node['Relation Name']) {
    figures.sequentialScans.push(node['Relation Name']);
  }
  figures.rowsRemovedByFilter += node['Rows Removed by Filter'] ?? 0;
  for (const child of node.Plans ?? []) figuresOf(child, figures);
  return figures;
}

/** A value as an SQL literal of unknown type (PostgreSQL reads it as its parameter's type). */
function literalOf(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  return `'${textOf(value).replaceAll("'", "''")}'`;
}

/** A parameter's text, as PostgreSQL reads it for the statement's parameter type. */
function textOf(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) {
    const items = value.map((item: unknown) =>
      item === null ? 'NULL' : `"${textOf(item).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`,
    );
    return `{${items.join(',')}}`;
  }
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/**
 * How PostgreSQL runs a statement, on a connection of its own: prepared (`PREPARE`) and
 * explained as executed (`EXPLAIN … EXECUTE` with its values as literals); `generic` under
 * `plan_cache_mode = force_generic_plan`, as a statement marked generic runs (decision 0010),
 * otherwise in the default mode (its first executions planned with their values). The plan's
 * figures, from ANALYZE.
 */
export async function planOf(
  url: string,
  statement: { sql: string; parameters: readonly unknown[] },
  options: { generic?: boolean } = {},
): Promise<PlanFigures> {
  const db = createDb(url, { max: 1 });
  try {
    if (options.generic) await sql.raw('SET plan_cache_mode = force_generic_plan').execute(db);
    await sql.raw(`PREPARE planned AS ${statement.sql}`).execute(db);
    const values = statement.parameters.map(literalOf);
    const { rows } = await sql
      .raw<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE planned${values.length > 0 ? `(${values.join(', ')})` : ''}`,
      )
      .execute(db);
    const plan = rows[0]?.['QUERY PLAN'][0]?.Plan;
    if (!plan) throw new Error('no plan');
    return figuresOf(plan, { sequentialScans: [], rowsRemovedByFilter: 0 });
  } finally {
    await db.destroy();
  }
}
