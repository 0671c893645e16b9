import { readFileSync } from 'node:fs';

/** The live parent pid (Linux: /proc; `process.ppid` is fixed at startup). */
function currentParent(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // fields after "(comm)": state ppid …
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    return undefined;
  }
}

/** Calls `onGone` once when this process is re-parented, i.e. its parent died. */
export function watchParent(onGone: () => void, everyMs = 1000): void {
  const parent = currentParent();
  if (parent === undefined) return;
  const timer = setInterval(() => {
    if (currentParent() !== parent) {
      clearInterval(timer);
      onGone();
    }
  }, everyMs);
  timer.unref();
}
