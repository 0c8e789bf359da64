/**
 * The `*` of required fields. Hidden from screen readers, which announce `aria-required`
 * instead, so a field's accessible name stays its label (« Contrat », not « Contrat * »).
 */
export function RequiredMark() {
  return (
    <span className="field__required" aria-hidden="true">
      {' *'}
    </span>
  );
}
