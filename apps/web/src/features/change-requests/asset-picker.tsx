import { useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssetView } from '@guichet/contracts';
import { Button } from '../../components/ui/button.tsx';
import { HelpTip } from '../../components/ui/help-tip.tsx';
import { RequiredMark } from '../../components/ui/required-mark.tsx';
import { RetiredItemBadge } from '../../components/ui/retired-item-badge.tsx';
import { errorId, fieldId } from '../../lib/field-errors.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { useAssetSearch } from './requests-api.ts';

interface AssetPickerProps {
  contractId: string;
  asset: AssetView | null;
  /** The catalog the search is limited to, with its name, or null. */
  restriction: { catalogId: string; name: string } | null;
  error: string | null;
  onChoose: (asset: AssetView) => void;
  onResetSearch: () => void;
  onTouch: () => void;
}

const path = 'assetId';

/**
 * « Référence de l'élément de parc concerné par ce changement * »: a typeahead on the
 * contract's items (ARIA combobox with a listbox), one page of 20 at most, 200 ms after typing.
 */
export function AssetPicker({
  contractId,
  asset,
  restriction,
  error,
  onChoose,
  onResetSearch,
  onTouch,
}: AssetPickerProps) {
  const { t } = useTranslation();
  const inputRef = useRef<HTMLInputElement>(null);
  // Choosing removes the search box, which had the focus: the chosen item's « Changer
  // d'élément » takes it, else it would fall to the page body (issue 19).
  const isFocusOnChosen = useRef(false);
  const listId = useId();
  const statusId = useId();
  const [query, setQuery] = useState('');
  const [isOpen, setIsOpen] = useState(false);
  const [activeIndex, setActiveIndex] = useState(-1);
  const [isChanging, setIsChanging] = useState(false);
  const debouncedQuery = useDebouncedValue(query.trim(), 200);
  const isSearching = asset === null || isChanging;
  const search = useAssetSearch(
    contractId,
    debouncedQuery,
    restriction?.catalogId ?? null,
    isSearching && isOpen,
  );
  const items = search.data?.items ?? [];
  const total = search.data?.total ?? 0;
  const activeItem = activeIndex >= 0 ? items[activeIndex] : undefined;
  const label = t('changeForm.asset.label');

  const choose = (item: AssetView) => {
    isFocusOnChosen.current = true;
    onChoose(item);
    setIsOpen(false);
    setIsChanging(false);
    setQuery('');
    setActiveIndex(-1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        setIsOpen(true);
        setActiveIndex((index) => (items.length === 0 ? -1 : (index + 1) % items.length));
        break;
      case 'ArrowUp':
        event.preventDefault();
        setIsOpen(true);
        setActiveIndex((index) =>
          items.length === 0 ? -1 : index <= 0 ? items.length - 1 : index - 1,
        );
        break;
      case 'Home':
        if (isOpen && items.length > 0) {
          event.preventDefault();
          setActiveIndex(0);
        }
        break;
      case 'End':
        if (isOpen && items.length > 0) {
          event.preventDefault();
          setActiveIndex(items.length - 1);
        }
        break;
      case 'Enter':
        if (isOpen && activeItem) {
          event.preventDefault();
          choose(activeItem);
        }
        break;
      case 'Escape':
        if (isOpen) {
          event.preventDefault();
          setIsOpen(false);
          setActiveIndex(-1);
        } else if (isChanging) {
          event.preventDefault();
          setIsChanging(false);
          setQuery('');
        }
        break;
    }
  };

  const statusText = !isOpen
    ? ''
    : search.isPending || (search.isFetching && search.isPlaceholderData)
      ? t('changeForm.asset.searching')
      : search.isError
        ? t('changeForm.asset.searchFailed')
        : items.length === 0
          ? t('changeForm.asset.noResult')
          : total > items.length
            ? t('changeForm.asset.firstResults', { shown: items.length, total })
            : t('changeForm.asset.results', { count: items.length });

  const describedBy = [error ? errorId(path) : null, `${statusId}-hint`].filter(Boolean).join(' ');

  return (
    <div
      className={['field', 'asset-picker', error ? 'field--invalid' : null]
        .filter(Boolean)
        .join(' ')}
    >
      <div className="field__label-row">
        {isSearching ? (
          <label htmlFor={fieldId(path)} className="field__label">
            {label}
            <RequiredMark />
          </label>
        ) : (
          <span className="field__label" id={`${fieldId(path)}-label`}>
            {label}
            <RequiredMark />
          </span>
        )}
        <HelpTip about={label} text={t('changeForm.asset.help')} />
      </div>

      {!isSearching && asset ? (
        <div
          ref={(chosen) => {
            if (!chosen || !isFocusOnChosen.current) return;
            isFocusOnChosen.current = false;
            chosen.querySelector('button')?.focus();
          }}
          className="asset-picker__chosen"
          aria-labelledby={`${fieldId(path)}-label`}
          role="group"
        >
          <div className="asset-picker__chosen-text">
            <span className="asset-picker__chosen-label">{asset.label}</span>
            <span className="asset-picker__chosen-ref mono">{asset.reference}</span>
            <RetiredItemBadge retiredAt={asset.retiredAt} />
          </div>
          <Button
            onClick={() => {
              setIsChanging(true);
              setIsOpen(true);
            }}
          >
            {t('changeForm.asset.change')}
          </Button>
        </div>
      ) : (
        <div className="combobox">
          <input
            ref={inputRef}
            id={fieldId(path)}
            // Only after « Changer d'élément »: the box replaces the button that had the focus.
            autoFocus={isChanging}
            type="text"
            role="combobox"
            autoComplete="off"
            spellCheck={false}
            aria-autocomplete="list"
            aria-expanded={isOpen}
            aria-controls={listId}
            aria-activedescendant={isOpen && activeItem ? `${listId}-${activeItem.id}` : undefined}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            aria-required
            placeholder={t('changeForm.asset.placeholder')}
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setIsOpen(true);
              setActiveIndex(-1);
            }}
            onFocus={() => setIsOpen(true)}
            onClick={() => setIsOpen(true)}
            onBlur={() => {
              setIsOpen(false);
              setActiveIndex(-1);
              onTouch();
            }}
            onKeyDown={onKeyDown}
          />
          <ul
            id={listId}
            role="listbox"
            aria-label={t('changeForm.asset.listLabel')}
            className="combobox__list"
            hidden={!isOpen || items.length === 0}
            // Keeps the focus in the box while an option is clicked.
            onMouseDown={(event) => event.preventDefault()}
          >
            {items.map((item, index) => (
              <li
                key={item.id}
                id={`${listId}-${item.id}`}
                role="option"
                aria-selected={index === activeIndex}
                className={[
                  'combobox__option',
                  index === activeIndex ? 'combobox__option--active' : null,
                ]
                  .filter(Boolean)
                  .join(' ')}
                onClick={() => choose(item)}
                onMouseMove={() => setActiveIndex(index)}
              >
                <span className="combobox__option-ref mono">{item.reference}</span>
                <span className="combobox__option-label">{item.label}</span>
                {item.site ? <span className="combobox__option-meta">{item.site}</span> : null}
              </li>
            ))}
          </ul>
          <p id={statusId} className="combobox__status" role="status" aria-live="polite">
            {statusText}
          </p>
          {isChanging ? (
            <Button
              variant="ghost"
              onClick={() => {
                setIsChanging(false);
                setQuery('');
              }}
            >
              {t('changeForm.asset.keepCurrent')}
            </Button>
          ) : null}
        </div>
      )}

      {error ? (
        <p id={errorId(path)} className="field__error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}

      <div className="asset-picker__reset">
        <p id={`${statusId}-hint`} className="field__hint">
          {t('changeForm.asset.catalogHint')}
          {restriction ? (
            <>
              {' '}
              <strong>{t('changeForm.asset.restrictedTo', { catalog: restriction.name })}</strong>
            </>
          ) : null}
        </p>
        <Button
          variant="ghost"
          onClick={() => {
            setQuery('');
            setActiveIndex(-1);
            onResetSearch();
            if (isSearching) inputRef.current?.focus();
          }}
        >
          {t('changeForm.asset.resetSearch')}
        </Button>
      </div>
    </div>
  );
}
