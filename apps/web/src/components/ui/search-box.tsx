import { useEffect, useRef, useState } from 'react';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';

interface SearchBoxProps {
  id: string;
  label: string;
  placeholder?: string;
  /** The search in force (the URL's `q`). */
  value: string;
  /** Called with the trimmed text, 300 ms after typing stops or at once on Enter. */
  onSearch: (q: string) => void;
  className?: string;
}

/** A list's search box: searches as one types, and follows the URL on back/forward. */
export function SearchBox({
  id,
  label,
  placeholder,
  value,
  onSearch,
  className = 'filters__search',
}: SearchBoxProps) {
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
        {label}
      </label>
      <input
        id={id}
        type="search"
        value={text}
        placeholder={placeholder}
        onChange={(event) => setText(event.target.value)}
      />
    </form>
  );
}
