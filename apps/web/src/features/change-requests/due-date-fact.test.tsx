import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RequestDetail } from '@guichet/contracts';
import { DueDateFact } from './due-date-fact.tsx';

const detailWith = (dueDate: RequestDetail['dueDate']) => ({ dueDate }) as unknown as RequestDetail;

function renderFact(dueDate: RequestDetail['dueDate']) {
  return render(
    <dl>
      <DueDateFact detail={detailWith(dueDate)} />
    </dl>,
  );
}

describe('DueDateFact', () => {
  it('says « Réalisation prévue avant le » with the instant the API computed', () => {
    renderFact({ carryOutDueAt: '2026-11-24T10:00:00.000Z', paused: false, state: 'on_time' });
    expect(screen.getByText('Réalisation prévue avant le')).toBeTruthy();
    expect(screen.getByTestId('due-date').getAttribute('datetime')).toBe(
      '2026-11-24T10:00:00.000Z',
    );
  });

  it('says the clock is paused while the customer is asked', () => {
    renderFact({ carryOutDueAt: null, paused: true, state: 'paused' });
    expect(screen.getByText(/Suspendue : en attente de votre réponse/)).toBeTruthy();
    expect(screen.queryByTestId('due-date')).toBeNull();
  });

  it.each(['met', 'missed'] as const)(
    'shows nothing once carried out (%s) or without a clock',
    (state) => {
      const { container } = renderFact({
        carryOutDueAt: '2026-11-24T10:00:00.000Z',
        paused: false,
        state,
      });
      expect(container.textContent).toBe('');
      const none = renderFact(undefined);
      expect(none.container.textContent).toBe('');
    },
  );
});
