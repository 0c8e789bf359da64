import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

export type ParamChanges = Record<string, string | null>;

/**
 * A list's criteria live in the URL. `setParams` sets or (empty, null) removes some of them;
 * a change of the search text `q` replaces the history entry rather than adding one.
 */
export function useUrlParams() {
  const [searchParams, setSearchParams] = useSearchParams();
  const setParams = useCallback(
    (changes: ParamChanges) =>
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: 'q' in changes },
      ),
    [setSearchParams],
  );
  return { searchParams, setParams, setSearchParams };
}
