/**
 * A person's name as every screen, list, history entry and mail shows it: « Prénom Nom »,
 * from the two names they and their referent type (the `users.display_name` column keeps it).
 */
export function personName(person: { firstName: string; lastName: string }): string {
  return [person.firstName, person.lastName]
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(' ');
}
