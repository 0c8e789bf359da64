import pg from 'pg';

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
 * How PostgreSQL runs a statement, on a connection of its own: `generic` prepares it and
 * runs it with `plan_cache_mode = force_generic_plan`, as a statement marked generic runs
 * (decision 0010); otherwise planned with its values. The plan's figures, from ANALYZE.
 */
export async function planOf(
  url: string,
  statement: { sql: string; parameters: readonly unknown[] },
  options: { generic?: boolean } = {},
): Promise<PlanFigures> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const values = [...statement.parameters];
    let text = `EXPLAIN (ANALYZE, FORMAT JSON) ${statement.sql}`;
    if (options.generic) {
      await client.query('SET plan_cache_mode = force_generic_plan');
      // prepared by the protocol, as the pool does, then explained as executed
      await client.query({ name: 'planned', text: statement.sql, values });
      // EXECUTE takes no protocol parameters: its values as literals, as pg would send them
      const literals = values.map((value) =>
        value === null || value === undefined ? 'NULL' : client.escapeLiteral(textOf(value)),
      );
      text = `EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE planned${literals.length > 0 ? `(${literals.join(', ')})` : ''}`;
    }
    const { rows } = await client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
      text,
      options.generic ? [] : values,
    );
    const plan = rows[0]?.['QUERY PLAN'][0]?.Plan;
    if (!plan) throw new Error('no plan');
    return figuresOf(plan, { sequentialScans: [], rowsRemovedByFilter: 0 });
  } finally {
    await client.end();
  }
}
