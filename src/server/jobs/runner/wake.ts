/**
 * Lets enqueueJob nudge the runners of this process, so a run enqueued by a
 * request ("Generate now") starts at once instead of at the next poll. Kept on
 * globalThis: Next bundles server code into several layers, each with its own
 * copy of this module, while the runner is one per process.
 */
type Listener = () => void;
const globals = globalThis as typeof globalThis & { __ebosJobWake?: Set<Listener> };
const listeners: Set<Listener> = (globals.__ebosJobWake ??= new Set());

export function onJobEnqueued(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function wakeJobRunners(): void {
  for (const listener of listeners) listener();
}
