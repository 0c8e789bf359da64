import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { CommentThread } from './comment-thread.tsx';

describe('CommentThread', () => {
  it('says the discussion is empty in its own words (not the request comment’s)', () => {
    render(
      <CommentThread
        comments={[]}
        canComment
        allowInternal={false}
        onSubmit={() => Promise.resolve()}
      />,
    );
    expect(screen.getByText('Aucun échange pour le moment.')).toBeTruthy();
    expect(screen.queryByText('Aucun commentaire.')).toBeNull();
  });

  it('asks for a comment on the field and clears the earlier « Commentaire publié. »', async () => {
    const user = userEvent.setup();
    const sent: string[] = [];
    render(
      <CommentThread
        comments={[]}
        canComment
        allowInternal={false}
        onSubmit={({ body }) => {
          sent.push(body);
          return Promise.resolve();
        }}
      />,
    );
    const field = screen.getByLabelText('Ajouter un commentaire');
    await user.type(field, 'Merci');
    await user.click(screen.getByRole('button', { name: 'Publier' }));
    expect(await screen.findByText('Commentaire publié.')).toBeTruthy();
    expect(sent).toEqual(['Merci']);

    await user.click(screen.getByRole('button', { name: 'Publier' }));
    expect(await screen.findByText('Saisissez un commentaire.')).toBeTruthy();
    expect(screen.queryByText('Commentaire publié.')).toBeNull();
    expect(screen.queryByText(/Certaines informations sont invalides/)).toBeNull();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(sent).toEqual(['Merci']);
  });
});
