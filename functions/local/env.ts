// The functions read their configuration lazily from process.env; the stack fills it in.
// Values the user set win; values a stack in this process set earlier may be replaced.
const setByStack = new Map<string, Set<string>>();

/** The value the user configured (ignoring what a stack in this process put there). */
export function userEnv(name: string): string | undefined {
  const value = process.env[name];
  if (value === undefined || value === '' || setByStack.get(name)?.has(value)) return undefined;
  return value;
}

/** Sets the values (user-set ones stay unless forced); returns a function that undoes it. */
export function applyEnv(values: Record<string, string>, force: readonly string[] = []): () => void {
  const previous = new Map<string, string | undefined>();
  for (const [name, value] of Object.entries(values)) {
    if (!force.includes(name) && userEnv(name) !== undefined) continue;
    previous.set(name, process.env[name]);
    process.env[name] = value;
    if (!setByStack.has(name)) setByStack.set(name, new Set());
    setByStack.get(name)!.add(value);
  }
  return () => {
    for (const [name, before] of previous) {
      if (process.env[name] !== values[name]) continue; // changed since: leave it
      if (before === undefined) delete process.env[name];
      else process.env[name] = before;
    }
  };
}
