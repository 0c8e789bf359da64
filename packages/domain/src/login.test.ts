import { describe, expect, it } from 'vitest';
import {
  accountSlowdownMs,
  isAccountAlert,
  loginProblem,
  pairDelaySeconds,
  pairWaitSeconds,
  sameLogin,
} from './login.ts';
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

describe('pairDelaySeconds (one e-mail from one address)', () => {
  it.each([
    [0, 0],
    [4, 0],
    [5, 1],
    [6, 2],
    [7, 4],
    [10, 32],
    [14, 512],
    [15, 900],
    [1000, 900],
  ])('after %i failures, waits %i s', (failures, seconds) => {
    expect(pairDelaySeconds(failures)).toBe(seconds);
  });
});

describe('pairWaitSeconds', () => {
  const last = new Date('2026-11-20T10:00:00Z');
  const at = (ms: number) => new Date(last.getTime() + ms);
  it.each([
    ['no failure yet', 9, null, at(0), 0],
    ['4 failures: never waits', 4, last, at(0), 0],
    ['5th failure, just now: 1 s', 5, last, at(0), 1],
    ['5th failure, 400 ms ago: the rest of the second', 5, last, at(400), 1],
    ['5th failure, 1 s ago: free', 5, last, at(1000), 0],
    ['7th failure, 1.5 s ago: 3 s left', 7, last, at(1500), 3],
    ['capped at 15 minutes', 40, last, at(0), 900],
    ['capped wait over', 40, last, at(900_000), 0],
    ['forgotten after an hour without failure', 40, last, at(3_600_000), 0],
  ])('%s', (_, failures, lastFailureAt, now, seconds) => {
    expect(pairWaitSeconds(failures, lastFailureAt, now)).toBe(seconds);
  });
});

describe('accountSlowdownMs and isAccountAlert (one e-mail, every address)', () => {
  it.each([
    [0, 0, false],
    [9, 0, false],
    [10, 100, true],
    [11, 200, false],
    [20, 1100, true],
    [29, 2000, false],
    [30, 2000, true],
    [500, 2000, true],
  ])('after %i failures, slows by %i ms; alert: %s', (failures, slowdown, alert) => {
    expect(accountSlowdownMs(failures)).toBe(slowdown);
    expect(isAccountAlert(failures)).toBe(alert);
  });
});
