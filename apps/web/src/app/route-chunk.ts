import type { ComponentType } from 'react';
import { loadAreas } from '../lib/i18n/index.ts';

/**
 * Routes not needed by the first page come as chunks of their own, loaded by the router
 * (`lazy`) rather than by `React.lazy`: the router starts the chunk with the navigation, in
 * parallel with the session, and renders the page once it is there. With `React.lazy`, the
 * chunk was asked for only after the session had arrived, and React holds a Suspense
 * boundary's content for up to 300 ms after its fallback was shown (issue 6: the change form
 * waited ~200 ms idle on a cold visit).
 *
 * A chunk's page renders once its words are there too: the areas' part of the dictionary
 * (back-office, catalogs, rights, statements…, decision 0038), asked for with the chunk. The
 * change form takes only the first paint's words, already loaded (`firstPaintWords`).
 */
export function chunk<Name extends string>(
  load: () => Promise<Record<Name, ComponentType>>,
  words: () => Promise<void> = loadAreas,
) {
  return (name: Name) => async () => {
    const [module] = await Promise.all([load(), words()]);
    return { Component: module[name] };
  };
}

/** For a chunk that shows only the first paint's words (decision 0038). */
export const firstPaintWords = (): Promise<void> => Promise.resolve();
