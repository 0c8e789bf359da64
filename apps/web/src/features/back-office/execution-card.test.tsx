import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackOfficeExecutionView } from '@guichet/contracts';
import { changeLocale } from '../../lib/i18n/index.ts';
import { ExecutionCard } from './execution-card.tsx';

const executor = {
  id: '00000000-0000-4000-8000-0000000000e1',
  description: 'Exécuteur de quotas',
  url: 'https://executor.example/hooks',
  isEnabled: true,
};

const delivery = {
  id: '41',
  state: 'delivered' as const,
  attempts: 1,
  isReplay: false,
  createdAt: '2026-11-24T09:00:01.000Z',
  nextAttemptAt: null,
  finishedAt: '2026-11-24T09:00:02.000Z',
  lastAttempt: { at: '2026-11-24T09:00:02.000Z', statusCode: 202, error: null },
};

const base: BackOfficeExecutionView = {
  state: 'requested',
  requestedAt: '2026-11-24T09:00:00.000Z',
  deadlineAt: '2026-11-24T09:30:00.000Z',
  startedAt: null,
  finishedAt: null,
  changes: null,
  reason: null,
  executor,
  deliveries: [],
};

function renderCard(execution: Partial<BackOfficeExecutionView> | null) {
  return render(
    <ExecutionCard execution={execution === null ? null : { ...base, ...execution }} />,
  );
}

/** The value of a fact of the card, by its label. */
function fact(label: string): string {
  const term = screen.getByText(label, { selector: 'dt' });
  return term.nextElementSibling?.textContent ?? '';
}

afterEach(() => changeLocale('fr'));

describe('ExecutionCard', () => {
  it('shows nothing for a request that is not executed automatically', () => {
    const { container } = renderCard(null);
    expect(container.textContent).toBe('');
  });

  it('demandée: the executor, when it was sent and by when it must answer, not yet sent', () => {
    renderCard({});
    expect(screen.getByRole('region', { name: 'Exécution automatique' })).toBeTruthy();
    expect(fact('Exécuteur')).toContain('Exécuteur de quotas');
    expect(fact('Exécuteur')).toContain('https://executor.example/hooks');
    expect(fact('État')).toBe('Demandée');
    expect(fact('Envoyée le')).toMatch(/2026/);
    expect(fact('Réponse attendue avant le')).toMatch(/2026/);
    expect(fact('Commencée le')).toBe('—');
    expect(fact('Terminée le')).toBe('—');
    expect(screen.getByText(/Pas encore envoyée/)).toBeTruthy();
    expect(
      screen.queryByRole('table', { name: 'Valeurs avant et après le changement' }),
    ).toBeNull();
  });

  it('en cours: started, its deliveries with their attempts', () => {
    renderCard({
      state: 'started',
      startedAt: '2026-11-24T09:01:00.000Z',
      deliveries: [
        {
          ...delivery,
          id: '40',
          state: 'pending',
          attempts: 2,
          finishedAt: null,
          nextAttemptAt: '2026-11-24T09:05:00.000Z',
          lastAttempt: { at: '2026-11-24T09:00:30.000Z', statusCode: null, error: 'ECONNREFUSED' },
        },
        { ...delivery, isReplay: true },
      ],
    });
    expect(fact('État')).toBe('En cours');
    expect(fact('Commencée le')).toMatch(/2026/);
    const table = screen.getByRole('table', {
      name: "Envois de la demande d'exécution à l'exécuteur",
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain('En attente');
    expect(rows[0]?.textContent).toContain('Sans réponse · ECONNREFUSED');
    expect(rows[0]?.textContent).toContain('prochaine le');
    expect(within(rows[0]!).getAllByRole('cell')[2]?.textContent).toBe('2');
    expect(rows[1]?.textContent).toContain('Remis');
    expect(rows[1]?.textContent).toContain('HTTP 202');
    expect(rows[1]?.textContent).toContain('rejeu');
  });

  it('réussie: ended, the values before and after with their labels', () => {
    renderCard({
      state: 'succeeded',
      startedAt: '2026-11-24T09:01:00.000Z',
      finishedAt: '2026-11-24T09:02:00.000Z',
      changes: [
        {
          key: 'quotas.vcpus',
          label: { fr: 'vCPU (ECS)', en: 'vCPUs (ECS)' },
          before: 20,
          after: 40,
        },
        { key: 'quotas.ram', before: null, after: 64 },
      ],
      deliveries: [delivery],
    });
    expect(fact('État')).toBe('Réussie');
    expect(fact('Terminée le')).toMatch(/2026/);
    expect(screen.queryByText('Réponse attendue avant le')).toBeNull();
    const table = screen.getByRole('table', { name: 'Valeurs avant et après le changement' });
    const [vcpus, ram] = within(table).getAllByRole('row').slice(1);
    expect(vcpus?.textContent).toBe('vCPU (ECS)2040');
    expect(ram?.textContent).toBe('quotas.ram—64');
  });

  it('échouée: the executor’s reason', () => {
    renderCard({
      state: 'failed',
      finishedAt: '2026-11-24T09:02:00.000Z',
      reason: 'Quota API: 503 Service Unavailable',
    });
    expect(fact('État')).toBe('Échouée');
    expect(fact("Motif de l'échec")).toBe('Quota API: 503 Service Unavailable');
  });

  it('sans réponse: the time-out’s reason; a deleted or disabled executor is said so', () => {
    renderCard({
      state: 'timed_out',
      finishedAt: '2026-11-24T09:30:00.000Z',
      reason: 'No answer from the executor within 30 min',
      executor: null,
    });
    expect(fact('État')).toBe('Sans réponse');
    expect(fact("Motif de l'absence de réponse")).toBe('No answer from the executor within 30 min');
    expect(fact('Exécuteur')).toBe("Exécuteur supprimé depuis l'envoi");
    renderCard({ executor: { ...executor, isEnabled: false } });
    expect(screen.getAllByText('désactivé')).toHaveLength(1);
  });

  it('speaks English to an English reader', async () => {
    await changeLocale('en');
    renderCard({ state: 'timed_out', reason: 'No answer from the executor within 30 min' });
    expect(screen.getByRole('region', { name: 'Automatic execution' })).toBeTruthy();
    expect(fact('State')).toBe('No answer');
    expect(fact('Reason of the time-out')).toBe('No answer from the executor within 30 min');
  });
});
