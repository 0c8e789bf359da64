export const loginMinLength = 8;
export const loginMaxLength = 64;

export type LoginRule = 'length' | 'characters';

/**
 * What is wrong with a login, or null: 8 to 64 characters among letters without accents,
 * digits, `.`, `_` and `-`.
 */
export function loginProblem(login: string): LoginRule | null {
  if (!/^[A-Za-z0-9._-]*$/.test(login)) return 'characters';
  if (login.length < loginMinLength || login.length > loginMaxLength) return 'length';
  return null;
}

/** Logins are unique whatever their case: `J.Dupont` and `j.dupont` are the same login. */
export function sameLogin(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

// ---- login protection (issue 18, decision 0019) --------------------------------------------
//
// Failures are counted by the e-mail as typed (lower-cased), whether or not it has an account,
// so that a known and an unknown e-mail answer alike. Two counters:
// - one (e-mail, address) pair: from `pairFreeFailures` failures on, that pair waits 1 s, 2 s,
//   4 s… (capped) before its next try; a stranger's address never delays the real user's;
// - the e-mail from every address: it never refuses, it only slows the answer a little and
//   alerts (audit event, a mail to the owner) every `accountAlertEvery` failures.

/** Failures of one (e-mail, address) pair before it must wait. */
export const pairFreeFailures = 5;
/** The longest wait of a pair, in seconds. */
export const pairMaxDelaySeconds = 15 * 60;
/** A pair's failures are forgotten after this long without one. */
export const pairForgetAfterMs = 60 * 60_000;
/** An e-mail's failures (every address) are forgotten after this long without one. */
export const accountForgetAfterMs = 24 * 60 * 60_000;
/** An e-mail's failures that alert its owner, and every multiple of it. */
export const accountAlertEvery = 10;
/** The slowdown of an answer per failure beyond the alert threshold, and its cap. */
export const accountSlowdownStepMs = 100;
export const accountSlowdownMaxMs = 2_000;

/** Seconds the pair waits after its `failures`-th failure (0: it may try at once). */
export function pairDelaySeconds(failures: number): number {
  if (failures < pairFreeFailures) return 0;
  return Math.min(2 ** (failures - pairFreeFailures), pairMaxDelaySeconds);
}

/**
 * Seconds left before the pair may try again (0: now), given its failures and the last one's
 * time; failures older than `pairForgetAfterMs` no longer count.
 */
export function pairWaitSeconds(failures: number, lastFailureAt: Date | null, now: Date): number {
  if (lastFailureAt === null) return 0;
  const elapsedMs = now.getTime() - lastFailureAt.getTime();
  if (elapsedMs >= pairForgetAfterMs) return 0;
  const leftMs = pairDelaySeconds(failures) * 1000 - elapsedMs;
  return leftMs > 0 ? Math.ceil(leftMs / 1000) : 0;
}

/** How much the answer on an e-mail with `failures` failures (every address) is slowed. */
export function accountSlowdownMs(failures: number): number {
  if (failures < accountAlertEvery) return 0;
  return Math.min((failures - accountAlertEvery + 1) * accountSlowdownStepMs, accountSlowdownMaxMs);
}

/** Whether the `failures`-th failure on an e-mail alerts its owner. */
export function isAccountAlert(failures: number): boolean {
  return failures > 0 && failures % accountAlertEvery === 0;
}
