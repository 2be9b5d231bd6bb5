// Memory of a daemon and everything it started (its Chromium), read from /proc: each process's PSS
// (`Pss:` of /proc/<pid>/smaps_rollup: its private pages plus its share of pages it shares with
// others, so shared libraries are counted once across all processes), VmRSS where PSS is unreadable.
import fs from 'node:fs';
import path from 'node:path';
import { rssMiB } from './daemons.mjs';

/** Every process's parent pid, from /proc/<pid>/stat (the fields after the command's closing bracket). */
function parentMap() {
  const parents = new Map();
  for (const name of fs.readdirSync('/proc')) {
    const pid = Number(name);
    if (!pid) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
      parents.set(pid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {}
  }
  return parents;
}

/** For each root pid: [root, ...all its descendants], from one pass over /proc. */
export function processTrees(roots) {
  const children = new Map();
  for (const [pid, parent] of parentMap()) children.set(parent, [...(children.get(parent) ?? []), pid]);
  return new Map(
    roots.map((root) => {
      const tree = [root];
      for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]) ?? []));
      return [root, tree];
    }),
  );
}

/** PSS of one process in MiB (null when unreadable). */
function pssMiB(pid) {
  try {
    const kb = Number(/^Pss:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1]);
    return Number.isFinite(kb) && kb > 0 ? kb / 1024 : null;
  } catch {
    return null;
  }
}

/** What a process is: `daemon` (the root), a Chromium process type (`browser`, `renderer`, `gpu-process`, `zygote`, `utility (network)`…), or its program's name. */
function roleOf(pid, root) {
  if (pid === root) return 'daemon';
  try {
    // Chromium rewrites its children's command lines into one space-separated string.
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const program = path.basename(cmdline.split(/[\0 ]/)[0]);
    if (!/chrom/i.test(program)) return program;
    const type = /--type=([\w-]+)/.exec(cmdline)?.[1] ?? 'browser';
    const service = type === 'utility' ? /--utility-sub-type=(\w+)/.exec(cmdline)?.[1] : null;
    return service ? `${type} (${service})` : type;
  } catch {
    return 'gone';
  }
}

/**
 * The memory of one process tree (a daemon and its descendants): { totalMiB, daemonMiB, childMiB,
 * daemonRssMiB, processes: [{ pid, role, mib, measure: 'pss' | 'rss', rssMiB }] }; a process that exited
 * meanwhile counts for nothing.
 */
export function treeMemory(root, pids) {
  const processes = pids.map((pid) => {
    const pss = pssMiB(pid);
    const rss = rssMiB(pid);
    return { pid, role: roleOf(pid, root), mib: pss ?? rss ?? 0, measure: pss == null ? 'rss' : 'pss', rssMiB: rss };
  });
  const sum = (list) => list.reduce((total, entry) => total + entry.mib, 0);
  return {
    totalMiB: sum(processes),
    daemonMiB: sum(processes.filter((entry) => entry.pid === root)),
    childMiB: sum(processes.filter((entry) => entry.pid !== root)),
    daemonRssMiB: rssMiB(root),
    processes,
  };
}
