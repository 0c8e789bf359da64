/** Only paths of this application: `?suite=https://elsewhere` must not send the user away. */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\'))
    return '/demandes';
  if (next === '/connexion' || next.startsWith('/connexion?') || next.startsWith('/connexion/'))
    return '/demandes';
  return next;
}
