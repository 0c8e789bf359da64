/**
 * Lays a compiled statement out one clause a line, for the committed `.sql` snapshots
 * (decision 0021): whitespace collapsed outside literals, each clause on its own line,
 * indented by its parentheses' depth, and the columns of a SELECT or RETURNING list one a
 * line. Only the layout changes: the words are those PostgreSQL receives.
 */
const token =
  /'(?:[^']|'')*'|"(?:[^"]|"")*"|\/\*[\s\S]*?\*\/|\s+|[(),]|::|[A-Za-z_][A-Za-z0-9_$]*|\$\d+|[^\s(),A-Za-z_'"$]+|\$/g;

/** Clause keywords, longest first, matched case-insensitively on consecutive words. */
const clauses = [
  ['cross', 'join', 'lateral'],
  ['left', 'join', 'lateral'],
  ['inner', 'join'],
  ['left', 'join'],
  ['cross', 'join'],
  ['order', 'by'],
  ['group', 'by'],
  ['on', 'conflict'],
  ['insert', 'into'],
  ['delete', 'from'],
  ['union', 'all'],
  ['with'],
  ['select'],
  ['from'],
  ['where'],
  ['having'],
  ['limit'],
  ['offset'],
  ['returning'],
  ['values'],
  ['update'],
  ['set'],
  ['union'],
  ['join'],
] as const;

const listClauses = new Set(['select', 'returning']);

/** Words a parenthesis follows with a space: it opens a list or a subquery, not a call. */
const spacedBefore = new Set(
  'in as exists values and or not on lateral any all over from join using when then else select where with'.split(
    ' ',
  ),
);

function isWord(text: string): boolean {
  return /^[A-Za-z_]/.test(text);
}

export function formatSql(text: string): string {
  const tokens = (text.match(token) ?? []).filter((part) => !/^\s+$/.test(part));
  const lines: string[] = [];
  let line = '';
  let depth = 0;
  /** The clause open at each depth, to break its list one item a line. */
  const openClause: string[] = [];
  const newLine = (indent: number) => {
    if (line.trim() !== '') lines.push(line.trimEnd());
    line = '  '.repeat(indent);
  };
  const append = (part: string, previous: string | undefined, before?: string) => {
    const last = line.at(-1);
    // a table's or an alias's column list is not a call: `INTO t (a)`, `AS e (a)`
    const isColumnList = before !== undefined && ['into', 'as'].includes(before.toLowerCase());
    const isCall =
      part === '(' &&
      previous !== undefined &&
      (isWord(previous) || previous.startsWith('"')) &&
      !spacedBefore.has(previous.toLowerCase()) &&
      !isColumnList;
    const glued =
      line.trim() === '' ||
      isCall ||
      part === ')' ||
      part === ',' ||
      part === '.' ||
      part.startsWith('[') ||
      part === '::' ||
      last === '(' ||
      last === '.' ||
      line.endsWith('::');
    line += glued ? part : ` ${part}`;
  };
  for (let index = 0; index < tokens.length; index += 1) {
    const part = tokens[index] ?? '';
    const words = (count: number) =>
      tokens
        .slice(index, index + count)
        .map((word) => word.toLowerCase())
        .join(' ');
    const previous = tokens[index - 1]?.toLowerCase();
    const clause = isWord(part)
      ? clauses.find((candidate) => words(candidate.length) === candidate.join(' '))
      : undefined;
    // `DO UPDATE SET`, `DO NOTHING`, `UPDATE SET`: one clause, not three; `DISTINCT FROM`,
    // `IS NOT DISTINCT FROM` and a function's `FROM` (extract) stay on their line.
    const isInline =
      clause !== undefined &&
      ((clause[0] === 'update' && previous === 'do') ||
        (clause[0] === 'set' && previous === 'update') ||
        (clause[0] === 'from' && (previous === 'distinct' || previous === 'extract')));
    if (clause && !isInline) {
      newLine(depth);
      line += tokens.slice(index, index + clause.length).join(' ');
      openClause[depth] = clause.join(' ');
      index += clause.length - 1;
      continue;
    }
    if (part === '(') {
      append(part, tokens[index - 1], tokens[index - 2]);
      depth += 1;
      openClause[depth] = '';
      continue;
    }
    if (part === ')') {
      depth = Math.max(0, depth - 1);
      const next = tokens[index + 1];
      // a subquery's closing parenthesis goes back to the line of its clause
      if (line.trim() !== '' && lines.length > 0 && openClause[depth + 1] !== '') {
        newLine(depth);
      }
      append(part, tokens[index - 1], tokens[index - 2]);
      if (depth === 0 && next === ',') {
        append(',', part);
        index += 1;
        newLine(0);
      }
      continue;
    }
    if (part === ',' && listClauses.has(openClause[depth] ?? '')) {
      append(part, tokens[index - 1], tokens[index - 2]);
      newLine(depth + 1);
      continue;
    }
    append(part, tokens[index - 1], tokens[index - 2]);
  }
  newLine(0);
  return lines.join('\n');
}
