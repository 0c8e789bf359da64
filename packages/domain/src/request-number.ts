/** Human request numbers: `CHG-2026-000123` (prefix per request type, year, sequence). */
export function formatRequestNumber(year: number, sequence: number): string {
  const { prefix, digits } = requestNumberParts(year);
  return `${prefix}${String(sequence).padStart(digits, '0')}`;
}

/**
 * The parts of `year`'s numbers, for the database statement that numbers a request as it
 * writes it: the prefix, then the sequence left-padded with zeros to `digits` (never cut).
 */
export function requestNumberParts(year: number): { prefix: string; digits: number } {
  return { prefix: `CHG-${year}-`, digits: 6 };
}

export function parseRequestNumber(text: string): { year: number; sequence: number } | null {
  const match = /^CHG-(\d{4})-(\d{6,})$/.exec(text.trim().toUpperCase());
  if (!match) return null;
  return { year: Number(match[1]), sequence: Number(match[2]) };
}
