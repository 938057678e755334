import type { Logger } from 'pino';
import type { HorizonBlocker, HorizonObserver } from '@app/event-store';
import type { Metrics } from './metrics';

/** Turns read-horizon stalls and failed log reads into log lines and metrics, and group commit's groups into metrics. */
export function horizonReporter(logger: Logger, metrics: Metrics): HorizonObserver {
  return {
    stalled(waitedMs: number, blocker: HorizonBlocker | undefined, bypassed: boolean) {
      metrics.horizonStallSeconds.set(waitedMs / 1000);
      if (bypassed) metrics.horizonBypasses.inc();
      logger.warn(
        { waitedMs, blocker, bypassed },
        bypassed
          ? 'event log readers were held back by a transaction that never appends; reading past it'
          : 'event log readers are held back by an open append transaction',
      );
    },
    recovered(waitedMs: number) {
      metrics.horizonStallSeconds.set(0);
      logger.info({ waitedMs }, 'event log readers move again');
    },
    appendGroupSent(appends: number) {
      metrics.appendGroupSize.observe(appends);
    },
    readFailed(error: unknown, retryInMs: number) {
      metrics.subscriptionReadErrors.inc();
      logger.warn(
        { err: error, retryInMs },
        'reading the event log failed; the subscription retries from its position',
      );
    },
  };
}
