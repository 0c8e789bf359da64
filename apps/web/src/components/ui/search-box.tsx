import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';

/** The dictionary branches whose `search` and `searchPlaceholder` word a list's search box. */
export type SearchTexts =
  | 'requests'
  | 'operations.queue.filters'
  | 'operations.outbox'
  | 'rights.users'
  | 'operatorAccounts.list'
  | 'providerAdmin.customers'
  | 'statements.backOffice';

/** The box's words: its dictionary branch, or each of them. */
type SearchWords =
  | { texts: SearchTexts; label?: undefined; placeholder?: undefined }
  | { texts?: undefined; label: string; placeholder?: string };

type SearchBoxProps = SearchWords & {
  id: string;
  /** The search in force (the URL's `q`). */
  value: string;
  /** Called with the trimmed text, 300 ms after typing stops or at once on Enter. */
  onSearch: (q: string) => void;
  className?: string;
};

/** A list's search box: searches as one types, and follows the URL on back/forward. */
export function SearchBox({
  id,
  texts,
  label,
  placeholder,
  value,
  onSearch,
  className = 'filters__search',
}: SearchBoxProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const [shownValue, setShownValue] = useState(value);
  const lastPushed = useRef(value);
  if (value !== shownValue) {
    setShownValue(value);
    if (value !== text.trim()) setText(value);
  }
  const debounced = useDebouncedValue(text, 300);
  useEffect(() => {
    const q = debounced.trim();
    if (q === lastPushed.current) return;
    lastPushed.current = q;
    onSearch(q);
  }, [debounced, onSearch]);
  return (
    <form
      role="search"
      className={className}
      onSubmit={(event) => {
        event.preventDefault();
        lastPushed.current = text.trim();
        onSearch(text.trim());
      }}
    >
      <label htmlFor={id} className="field__label">
        {texts === undefined ? label : t(`${texts}.search`)}
      </label>
      <input
        id={id}
        type="search"
        value={text}
        placeholder={texts === undefined ? placeholder : t(`${texts}.searchPlaceholder`)}
        onChange={(event) => setText(event.target.value)}
      />
    </form>
  );
}
