/**
 * What a browser costs in memory, as the system sees it: the proportional set size (PSS: private pages plus
 * a fair share of shared ones) summed over the browser's whole process tree (browser, renderers, GPU,
 * audio and network services, workers' processes). Linux only (/proc); sampled a few times a second.
 */
import { readdirSync, readFileSync } from 'node:fs';

function children(): Map<number, number[]> {
  const kids = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: the parent pid is the second field after it.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = kids.get(ppid) ?? [];
      list.push(Number(entry));
      kids.set(ppid, list);
    } catch {
      // the process ended while we looked
    }
  }
  return kids;
}

/** The process and all its descendants. */
export function processTree(root: number): number[] {
  const kids = children();
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    out.push(pid);
    stack.push(...(kids.get(pid) ?? []));
  }
  return out;
}

/** PSS of a process tree in MB (0 for processes that ended meanwhile). */
export function treePssMb(root: number): number {
  let kb = 0;
  for (const pid of processTree(root)) {
    try {
      const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      if (m) kb += Number(m[1]);
    } catch {
      // gone
    }
  }
  return kb / 1024;
}

/** The pid of the Chromium started with this profile directory (its browser process). */
export function chromiumPid(profileDir: string): number {
  const candidates: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmd.includes(`--user-data-dir=${profileDir}`) && !cmd.includes('--type='))
        candidates.push(Number(entry));
    } catch {
      // gone
    }
  }
  if (candidates.length === 0) throw new Error(`no Chromium process for ${profileDir}`);
  return Math.min(...candidates);
}

/** Samples a process tree's PSS until stopped; `peakMb` is the largest sum seen. */
export class MemorySampler {
  peakMb = 0;
  lastMb = 0;
  private timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly root: number,
    intervalMs = 250,
  ) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.sample();
  }

  sample(): number {
    this.lastMb = treePssMb(this.root);
    this.peakMb = Math.max(this.peakMb, this.lastMb);
    return this.lastMb;
  }

  /** Peak since the last reset (one phase of a run). */
  resetPeak(): void {
    this.peakMb = this.sample();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
