/** The `users` columns that name a person and how to reach them. */
interface PersonRow {
  id: string;
  login: string | null;
  email: string;
  first_name: string | null;
  last_name: string | null;
  display_name: string;
  phone: string | null;
}

/** The person part of a user's view and of « Mon compte »'s, from its row. */
export function personFields(row: PersonRow) {
  return {
    id: row.id,
    login: row.login,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    displayName: row.display_name,
    phone: row.phone,
  };
}
