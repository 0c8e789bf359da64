import { ValueChangeView } from '@guichet/contracts';

const ValueChanges = ValueChangeView.array();

/**
 * The value changes an answer's history event carries (decision 0035), for the customer's and
 * the back-office's history alike; absent on every other event.
 */
export function eventChanges(data: Record<string, unknown>): { changes?: ValueChangeView[] } {
  const parsed = ValueChanges.safeParse(data['changes']);
  return parsed.success && parsed.data.length > 0 ? { changes: parsed.data } : {};
}
