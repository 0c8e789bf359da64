import { describe, expect, it } from 'vitest';
import { personName } from './person-name.ts';

describe('personName', () => {
  it.each([
    ['Camille', 'Martin', 'Camille Martin'],
    ['  Camille ', ' Martin  ', 'Camille Martin'],
    ['Jean-Luc', 'de La Fontaine', 'Jean-Luc de La Fontaine'],
    ['', 'Martin', 'Martin'],
    ['Camille', '', 'Camille'],
    ['Gestion', 'des catalogues', 'Gestion des catalogues'],
  ])('%j %j is %j', (firstName, lastName, name) => {
    expect(personName({ firstName, lastName })).toBe(name);
  });
});
