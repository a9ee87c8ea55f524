// A process's own peak RSS in KiB. On Linux, VmHWM from /proc/self/status: the high-water mark of this process's
// memory (all its threads share it). Not process.resourceUsage().maxRSS: a spawned child inherits the parent's
// peak at fork into it (a child of a 500 MB bench process reported 503 MB where VmHWM said 39).
import * as fs from 'node:fs';

export function peakRssKiB(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]);
  } catch {
    // not Linux: fall through
  }
  return process.resourceUsage().maxRSS;
}
