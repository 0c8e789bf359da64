import { useTranslation } from 'react-i18next';
import { profileOn, sections } from '@guichet/domain';
import type { Grant, Profile, Section } from '@guichet/domain';
import { ProfileSelect } from './profile-select.tsx';
import './data-table.css';
import './grants-grid.css';

export type GrantChoices = Record<string, Partial<Record<Section, Profile>>>;

/** The choices as grants, in contract then section order. */
export function choicesToGrants(choices: GrantChoices): Grant[] {
  return Object.entries(choices).flatMap(([contractId, bySection]) =>
    sections.flatMap((section) => {
      const profile = bySection[section];
      return profile ? [{ contractId, section, profile }] : [];
    }),
  );
}

export function grantsToChoices(grants: readonly Grant[]): GrantChoices {
  const choices: GrantChoices = {};
  for (const grant of grants) {
    choices[grant.contractId] = { ...choices[grant.contractId], [grant.section]: grant.profile };
  }
  return choices;
}

interface GrantsGridProps {
  idPrefix: string;
  caption: string;
  contracts: readonly string[];
  choices: GrantChoices;
  /** What the giver holds: nobody gives more than their own profile. */
  ceilings: readonly Grant[];
  onChange: (choices: GrantChoices) => void;
  /** An error to show on a cell, by `contractId:section`. */
  errors?: ReadonlyMap<string, string>;
  isDisabled?: boolean;
}

/**
 * A profile per contract and per section: contracts in rows, the four sections in columns;
 * under 720 px each contract is a block of its four sections, one under the other.
 */
export function GrantsGrid({
  idPrefix,
  caption,
  contracts,
  choices,
  ceilings,
  onChange,
  errors,
  isDisabled,
}: GrantsGridProps) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll data-table__scroll grants-grid__scroll">
      <table className="table data-table grants-grid">
        <caption className="grants-grid__caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('rights.grid.contract')}</th>
            {sections.map((section) => (
              <th key={section} scope="col">
                {t(`rights.sections.${section}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {contracts.map((contractId) => (
            <tr key={contractId}>
              <th scope="row" className="mono">
                {contractId}
              </th>
              {sections.map((section) => {
                const id = `${idPrefix}-${contractId}-${section}`;
                const error = errors?.get(`${contractId}:${section}`) ?? null;
                return (
                  <td key={section} data-label={t(`rights.sections.${section}`)}>
                    <ProfileSelect
                      id={id}
                      label={t('rights.grid.cellLabel', {
                        section: t(`rights.sections.${section}`),
                        contract: contractId,
                      })}
                      value={choices[contractId]?.[section] ?? null}
                      ceiling={profileOn(ceilings, contractId, section)}
                      isDisabled={isDisabled}
                      isInvalid={error !== null}
                      describedBy={error ? `${id}-error` : undefined}
                      onChange={(profile) => {
                        const row = { ...choices[contractId] };
                        if (profile) row[section] = profile;
                        else delete row[section];
                        onChange({ ...choices, [contractId]: row });
                      }}
                    />
                    {error ? (
                      <p id={`${id}-error`} className="field__error">
                        {error}
                      </p>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
