import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AttachmentList } from './attachment-list.tsx';

function renderList(upload: (file: File) => Promise<unknown>) {
  render(
    <AttachmentList
      attachments={[]}
      downloadUrl={(id) => `/api/attachments/${id}`}
      upload={upload}
      allowInternal={false}
      onUploaded={() => undefined}
    />,
  );
}

describe('AttachmentList: choosing the file', () => {
  it('offers « Choisir un fichier » in French, and says what is chosen to screen readers too', async () => {
    const user = userEvent.setup();
    const sent: string[] = [];
    renderList((file) => {
      sent.push(file.name);
      return Promise.resolve();
    });
    // our button, in the interface's language; the browser's own « Choose File » lies under it
    expect(screen.getByText('Choisir un fichier')).toBeTruthy();
    const input = screen.getByLabelText('Fichier');
    expect(input.getAttribute('type')).toBe('file');
    const described = () =>
      (input.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' | ');
    expect(described()).toContain('Aucun fichier choisi');

    await user.upload(input, new File(['x'.repeat(2048)], 'quotas.csv', { type: 'text/csv' }));
    expect(screen.getByText('Changer de fichier')).toBeTruthy();
    expect(described()).toMatch(/quotas\.csv 2 Ko/);

    await user.click(screen.getByRole('button', { name: 'Joindre le fichier' }));
    await screen.findByText('Fichier joint.');
    expect(sent).toEqual(['quotas.csv']);
    // sent: the chooser starts again, empty
    expect(described()).toContain('Aucun fichier choisi');
    expect((input as HTMLInputElement).value).toBe('');
  });

  it('is reached with the keyboard', async () => {
    const user = userEvent.setup();
    renderList(() => Promise.resolve());
    await user.tab();
    expect(document.activeElement).toBe(screen.getByLabelText('Fichier'));
  });
});
