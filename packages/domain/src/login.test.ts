import { describe, expect, it } from 'vitest';
import { loginProblem, sameLogin } from './login.ts';
import type { LoginRule } from './login.ts';

describe('loginProblem', () => {
  it.each<[string, LoginRule | null]>([
    ['abcdefgh', null],
    ['abcdefg', 'length'],
    ['', 'length'],
    ['a'.repeat(64), null],
    ['a'.repeat(65), 'length'],
    ['camille.martin', null],
    ['camille_martin-2', null],
    ['CAMILLE.MARTIN', null],
    ['12345678', null],
    ['........', null],
    ['camille martin', 'characters'],
    ['hélène.dupont', 'characters'],
    ['francois.garcon', null],
    ['françois.garçon', 'characters'],
    ['camille@acme', 'characters'],
    ['camille+acme', 'characters'],
    ['camille/martin', 'characters'],
    ['camille–martin', 'characters'],
    ['ｃａｍｉｌｌｅｍａｒ', 'characters'],
    ['camille\tmartin', 'characters'],
    ['camille.martin\n', 'characters'],
    // a short login with a bad character: the character is what the user must fix first
    ['é', 'characters'],
  ])('%j → %s', (login, expected) => {
    expect(loginProblem(login)).toBe(expected);
  });
});

describe('sameLogin', () => {
  it.each<[string, string, boolean]>([
    ['camille.martin', 'camille.martin', true],
    ['Camille.Martin', 'camille.martin', true],
    ['camille.martin', 'camille.martine', false],
    ['camille-martin', 'camille_martin', false],
  ])('%s and %s → %s', (a, b, expected) => {
    expect(sameLogin(a, b)).toBe(expected);
  });
});
