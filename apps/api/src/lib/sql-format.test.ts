import { describe, expect, it } from 'vitest';
import { formatSql } from './sql-format.ts';

describe('formatSql', () => {
  it.each<[string, string, string]>([
    [
      'one clause a line, a column list one item a line',
      'select "a"."id", "a"."name" from "a" where "a"."id" = $1 order by "a"."id" limit $2',
      'select "a"."id",\n  "a"."name"\nfrom "a"\nwhere "a"."id" = $1\norder by "a"."id"\nlimit $2',
    ],
    [
      'a subquery indented by its depth',
      'SELECT x FROM (SELECT y FROM z) s',
      'SELECT x\nFROM (\n  SELECT y\n  FROM z\n) s',
    ],
    [
      'joins, and an upsert as one clause',
      'INSERT INTO t (a, b) VALUES ($1, $2) ON CONFLICT (a) DO UPDATE SET b = t.b + 1 RETURNING b',
      'INSERT INTO t (a, b)\nVALUES ($1, $2)\nON CONFLICT(a) DO UPDATE SET b = t.b + 1\nRETURNING b',
    ],
    [
      'literals and casts kept as sent, whitespace collapsed outside them',
      "SELECT   'two  words'::text,\n  $1::uuid[]  FROM t LEFT JOIN u ON true",
      "SELECT 'two  words'::text,\n  $1::uuid[]\nFROM t\nLEFT JOIN u ON true",
    ],
    [
      'common table expressions one after the other',
      'WITH a AS (SELECT 1), b AS (SELECT 2) SELECT * FROM a, b',
      'WITH a AS (\n  SELECT 1\n),\nb AS (\n  SELECT 2\n)\nSELECT *\nFROM a, b',
    ],
  ])('%s', (_label, text, expected) => {
    expect(formatSql(text)).toBe(expected);
  });
});
