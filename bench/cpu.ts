import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks a second of /proc's utime and stime (USER_HZ: 100 on Linux). */
const ticksPerSecond = 100;

/** User + system CPU time of one process, in ms; null once it is gone. */
function cpuMsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: fields count from after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / ticksPerSecond) * 1000;
  } catch {
    return null;
  }
}

function postgresPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') pids.push(+entry);
    } catch {
      // ended meanwhile
    }
  }
  return pids;
}

export interface CpuSample {
  server: number;
  postgres: Map<number, number>;
}

/** The CPU time used so far by the measured server and by every PostgreSQL process. */
export function sampleCpu(serverPid: number): CpuSample {
  const postgres = new Map<number, number>();
  for (const pid of postgresPids()) {
    const ms = cpuMsOf(pid);
    if (ms !== null) postgres.set(pid, ms);
  }
  return { server: cpuMsOf(serverPid) ?? NaN, postgres };
}

/**
 * CPU ms spent between two samples by the server and by PostgreSQL (a backend that started
 * in between counts from zero; one that ended in between is lost, which the pools' long-lived
 * connections make rare). Linux only; counts at the kernel's 10 ms granularity, so only
 * meaningful over seconds of load.
 */
export function cpuSpent(
  before: CpuSample,
  after: CpuSample,
): { server: number; postgres: number } {
  let postgres = 0;
  for (const [pid, ms] of after.postgres) postgres += ms - (before.postgres.get(pid) ?? 0);
  return { server: after.server - before.server, postgres };
}
