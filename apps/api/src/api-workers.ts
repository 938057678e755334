import cluster, { type Worker } from 'node:cluster';
import { runsRole, type AppConfig } from '@app/config';
import { answerWorkerScrapes, createLogger } from '@app/observability';

const RESTART_PAUSE_MS = 1000;

/** Whether this process prints what the first start made (the first worker, or the only process). */
export const isFirstApiProcess = (): boolean => cluster.isPrimary || cluster.worker?.id === 1;

/**
 * API_WORKERS > 1: this process only supervises; n workers share PORT (node:cluster hands each
 * connection to one of them). The first starts alone and runs every role of ROLES, the embedded
 * database and the first-start files (PII master key, development API key) included; the others
 * start once it listens, with ROLES=api, so the background roles stay in one process and nothing
 * races on a first start. A worker after the first that dies is started again; if the first dies,
 * the others are stopped and this process exits 1 for its supervisor to restart everything.
 * SIGTERM/SIGINT stop the workers, the first last (it stops the embedded database). /metrics
 * on any worker shows them all, summed (cluster-metrics.ts).
 */
export function superviseApiWorkers(config: AppConfig): void {
  const logger = createLogger(config.LOG_LEVEL, 'support-ops');
  const others = new Set<Worker>();
  let stopping = false;
  answerWorkerScrapes();
  const first = cluster.fork();

  const startOther = (): void => {
    const worker = cluster.fork({ ROLES: 'api' });
    others.add(worker);
    worker.once('exit', (code, signal) => {
      others.delete(worker);
      if (stopping) return;
      logger.error({ pid: worker.process.pid, code, signal }, 'an API worker died; starting another');
      // A second's pause: a worker that cannot start must not spin this process.
      setTimeout(() => stopping || startOther(), RESTART_PAUSE_MS);
    });
  };
  const stop = async (exitCode: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await Promise.all([...others].map(stopWorker));
    await stopWorker(first);
    process.exit(exitCode);
  };

  first.once('listening', () => {
    logger.info(
      { workers: config.API_WORKERS },
      `starting ${config.API_WORKERS - 1} more API workers on the same port`,
    );
    for (let n = 1; n < config.API_WORKERS; n++) startOther();
  });
  first.once('exit', (code, signal) => {
    if (stopping) return;
    logger.error({ pid: first.process.pid, code, signal }, 'the first API worker stopped; stopping the others');
    void stop(1);
  });
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGINT', () => void stop(0));
}

function stopWorker(worker: Worker): Promise<void> {
  if (worker.isDead()) return Promise.resolve();
  return new Promise((resolve) => {
    worker.once('exit', () => resolve());
    worker.process.kill('SIGTERM');
  });
}

/** Whether this process should supervise API workers rather than serve. */
export function wantsApiWorkers(config: AppConfig): boolean {
  return cluster.isPrimary && config.API_WORKERS > 1 && runsRole(config, 'api');
}
