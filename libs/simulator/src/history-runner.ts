import type { SimulatedCommand } from './simulation';

export interface RunOptions {
  /** Commands in flight at once; commands of one stream (and their dependencies) still run in order. */
  concurrency: number;
  onProgress?: (done: number) => void;
}

export interface RunReport {
  completed: number;
  failures: Array<{ command: SimulatedCommand; error: unknown }>;
}

/**
 * Replays a history as fast as the target allows: in time order per stream, concurrently across
 * streams. A command waits for the last command of its own stream and of every stream it names in
 * `after` (the account before its first ticket).
 */
export async function runHistory(
  commands: readonly SimulatedCommand[],
  execute: (command: SimulatedCommand) => Promise<void>,
  options: RunOptions,
): Promise<RunReport> {
  const lastOf = new Map<string, Promise<void>>();
  const inFlight = new Set<Promise<void>>();
  const failures: RunReport['failures'] = [];
  let completed = 0;
  for (const command of commands) {
    while (inFlight.size >= options.concurrency) await Promise.race(inFlight);
    const before = [command.stream, ...command.after].flatMap((stream) => lastOf.get(stream) ?? []);
    const run: Promise<void> = Promise.all(before)
      .then(() => execute(command))
      .catch((error: unknown) => void failures.push({ command, error }))
      .finally(() => {
        completed += 1;
        inFlight.delete(run);
        options.onProgress?.(completed);
      });
    lastOf.set(command.stream, run);
    inFlight.add(run);
  }
  await Promise.all(inFlight);
  return { completed, failures };
}
