import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const WORKER = join(__dirname, '../../dist/apps/worker/apps/worker/src/main.js');

export { exited } from './built-process';

/**
 * Built worker processes of one test file, on its database: `start` spawns one with these
 * settings (logs at warn, output dropped), `killAll` ends whatever still runs with SIGKILL.
 */
export class WorkerProcesses {
  private readonly children = new Set<ChildProcess>();

  /** `settings`: DATABASE_URL and the event store's settings of the test file (TestDatabase.env). */
  constructor(private readonly settings: () => Record<string, string>) {}

  start(env: Record<string, string>): ChildProcess {
    const child = spawn(process.execPath, [WORKER], {
      env: { ...process.env, LOG_LEVEL: 'warn', ...env, ...this.settings() },
      stdio: 'ignore',
    });
    this.children.add(child);
    return child;
  }

  killAll(): void {
    for (const child of this.children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    this.children.clear();
  }
}
