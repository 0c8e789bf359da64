import { Link } from 'react-router';
import { useUrlParams } from '../../lib/use-url-params.ts';

/** One tab: the value it gives the URL parameter (`null`: the parameter removed). */
export interface UrlTab {
  value: string | null;
  label: string;
}

interface UrlTabsProps {
  /** What the tabs choose (« Filtrer par statut »). */
  label: string;
  /** The URL parameter the tabs set (`group`, `vue`). */
  param: string;
  current: string | null;
  tabs: readonly UrlTab[];
  /** Criteria a change of tab drops (the assignee, once « Mes demandes » says who). */
  clears?: readonly string[];
}

/** A list's tabs: links that change one URL parameter and keep the other criteria. */
export function UrlTabs({ label, param, current, tabs, clears = [] }: UrlTabsProps) {
  const { searchParams } = useUrlParams();
  return (
    <nav className="tabs" aria-label={label}>
      <ul className="tabs__list">
        {tabs.map((tab) => {
          const next = new URLSearchParams(searchParams);
          if (tab.value === null) next.delete(param);
          else next.set(param, tab.value);
          for (const key of clears) next.delete(key);
          return (
            <li key={tab.value ?? ''}>
              <Link
                to={{ search: next.toString() }}
                className="tabs__tab"
                aria-current={tab.value === current ? 'page' : undefined}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
