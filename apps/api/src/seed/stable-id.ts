import { createHash } from 'node:crypto';

/** A UUID derived from a name, so that seeding twice finds the same rows. */
export function stableId(name: string): string {
  const hex = createHash('sha256').update(`guichet:${name}`).digest('hex');
  const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
