/** Human request numbers: `CHG-2026-000123` (prefix per request type, year, sequence). */
export function formatRequestNumber(year: number, sequence: number): string {
  return `CHG-${year}-${String(sequence).padStart(6, '0')}`;
}

export function parseRequestNumber(text: string): { year: number; sequence: number } | null {
  const match = /^CHG-(\d{4})-(\d{6,})$/.exec(text.trim().toUpperCase());
  if (!match) return null;
  return { year: Number(match[1]), sequence: Number(match[2]) };
}
