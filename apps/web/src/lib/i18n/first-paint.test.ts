import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { areas as areasEn } from './areas.en.ts';
import { areas as areasFr } from './areas.fr.ts';
import { en, fr } from './dictionaries.ts';
import { firstPaint as firstPaintEn } from './first-paint.en.ts';
import { firstPaint as firstPaintFr } from './first-paint.fr.ts';

const source = fileURLToPath(new URL('../../', import.meta.url));

/** The modules a page's chunk brings with it: its static imports, followed (not `import()`). */
function moduleGraph(entries: string[]): string[] {
  const seen = new Set<string>();
  const pending = entries.map((entry) => path.join(source, entry));
  const imports = /^\s*(?:import|export)\s+(?!type\b)(?:[^;]*?\sfrom\s+)?['"](\.[^'"]+)['"]/gm;
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const [, specifier = ''] of readFileSync(file, 'utf8').matchAll(imports)) {
      const imported = path.resolve(path.dirname(file), specifier);
      if (/\.tsx?$/.test(imported) && existsSync(imported)) pending.push(imported);
    }
  }
  return [...seen];
}

type Branch = Record<string, unknown>;
function lookUp(dictionary: Branch, key: string): unknown {
  let node: unknown = dictionary;
  for (const part of key.split('.')) node = node && (node as Branch)[part];
  return node;
}
/** A key's words (or its plural forms), or the branch a template key chooses in. */
const has = (dictionary: Branch, key: string) =>
  [key, `${key}_one`, `${key}_other`].some((candidate) => lookUp(dictionary, candidate) != null);

/**
 * The dictionary keys a module names: quoted `a.b.c` that the whole dictionary holds, a word or
 * a branch (the fixed start of a template key, `a.b.${…}`, is one). Types and comments are left
 * out: they never reach `t()` (a list's `ListTexts` union names every area's list).
 */
function keysNamedIn(file: string): string[] {
  const keys: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (/^\s*(\||\*|\/\/|\/\*)/.test(line) || /\b(type|interface)\s+\w+/.test(line)) continue;
    for (const [, key = ''] of line.matchAll(/['"`]([a-zA-Z]\w*(?:\.\w+)+)/g))
      if (has(fr, key)) keys.push(key);
  }
  return keys;
}

// What renders before any area's words are there: the entry (layouts, sign-in) and the chunks
// the router does not make wait for them (`chunk(load, firstPaintWords)`: the list, sign-in,
// the change form).
const firstPaintChunks = [
  ...readFileSync(path.join(source, 'app/router.tsx'), 'utf8').matchAll(
    /chunk(?:<'\w+'>)?\(\s*\(\) => import\('(\.{1,2}\/[^']+)'\),\s*firstPaintWords,?\s*\)/g,
  ),
].map(([, file = '']) => path.join('app', file));
const firstPaintModules = moduleGraph(['main.tsx', ...firstPaintChunks]);

describe('the first paint and the areas (decision 0038)', () => {
  it('finds the modules of the first paint', () => {
    const names = firstPaintModules.map((file) => path.relative(source, file));
    expect(firstPaintChunks).toEqual([
      'features/change-requests/requests-page.tsx',
      'features/auth/login-page.tsx',
      'features/auth/sso-refusal-page.tsx',
      'app/routes/change-form-route.tsx',
    ]);
    expect(names).toContain('features/change-requests/change-form.tsx');
    expect(names).toContain('features/change-requests/requests-page.tsx');
    expect(names).toContain('app/app-layout.tsx');
    expect(names).not.toContain('app/back-office-layout.tsx');
    expect(names).not.toContain('features/catalog-admin/catalogs-page.tsx');
    // A word, and the branch a template key chooses in (`operations.layout.roles.${role}`).
    expect(keysNamedIn(path.join(source, 'app/back-office-layout.tsx'))).toEqual(
      expect.arrayContaining(['operations.layout.queue', 'operations.layout.roles']),
    );
  });

  it.each(firstPaintModules.map((file) => [path.relative(source, file), file]))(
    '%s names only keys of the first paint',
    (_name, file) => {
      for (const key of keysNamedIn(file)) {
        expect(has(firstPaintFr, key), `${key} in French`).toBe(true);
        expect(has(firstPaintEn, key), `${key} in English`).toBe(true);
      }
    },
  );

  it('leaves the areas out of the first paint but for the words it shows', () => {
    expect(lookUp(firstPaintFr, 'catalogAdmin.formChanges.title')).toBe(
      lookUp(fr, 'catalogAdmin.formChanges.title'),
    );
    expect(has(firstPaintFr, 'catalogAdmin.catalogs')).toBe(false);
    expect(has(firstPaintFr, 'rights.users')).toBe(false);
    expect(has(firstPaintFr, 'operations.queue')).toBe(false);
  });

  it.each([
    ['fr', firstPaintFr, areasFr, fr],
    ['en', firstPaintEn, areasEn, en],
  ] as const)('has each word of %s once, in one part or the other', (_locale, first, rest, all) => {
    const leaves = (node: unknown, prefix = ''): string[] =>
      typeof node === 'string'
        ? [prefix]
        : Object.entries(node as Branch).flatMap(([key, value]) =>
            leaves(value, prefix ? `${prefix}.${key}` : key),
          );
    const firstLeaves = leaves(first);
    const restLeaves = leaves(rest);
    expect(firstLeaves.filter((key) => restLeaves.includes(key))).toEqual([]);
    expect(firstLeaves.length + restLeaves.length).toBe(leaves(all).length);
  });
});
