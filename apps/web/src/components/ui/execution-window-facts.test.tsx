import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ExecutionWindowFacts } from './execution-window-facts.tsx';

const window = (startsAt: string, endsAt: string, local: { startsAt: string; endsAt: string }) => ({
  startsAt,
  endsAt,
  timeZone: 'Europe/Paris',
  local,
});

describe('ExecutionWindowFacts', () => {
  it('shows the asked and the planned windows on the contract’s wall clock', () => {
    render(
      <dl>
        <ExecutionWindowFacts
          detail={{
            executionWindow: window('2026-12-20T21:00:00.000Z', '2026-12-21T01:00:00.000Z', {
              startsAt: '2026-12-20T22:00',
              endsAt: '2026-12-21T02:00',
            }),
            plannedWindow: window('2026-12-22T20:00:00.000Z', '2026-12-22T22:30:00.000Z', {
              startsAt: '2026-12-22T21:00',
              endsAt: '2026-12-22T23:30',
            }),
          }}
        />
      </dl>,
    );
    expect(screen.getByText("Fenêtre d'exécution souhaitée").nextSibling?.textContent).toMatch(
      /^du 20 déc\. 2026, 22:00 au 21 déc\. 2026, 02:00 \(Europe\/Paris\)$/,
    );
    expect(screen.getByText("Fenêtre d'exécution planifiée").nextSibling?.textContent).toMatch(
      /^du 22 déc\. 2026, 21:00 au 22 déc\. 2026, 23:30 \(Europe\/Paris\)$/,
    );
  });

  it('shows nothing for a request without windows', () => {
    const { container } = render(
      <dl>
        <ExecutionWindowFacts detail={{ executionWindow: null, plannedWindow: null }} />
      </dl>,
    );
    expect(container.textContent).toBe('');
  });
});
