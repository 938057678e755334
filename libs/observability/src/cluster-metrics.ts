import cluster from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';

const SCRAPE_REQUEST = 'support-ops:scrape';
const SCRAPE_ANSWER = 'support-ops:scrape-answer';
const SCRAPE_TIMEOUT_MS = 5000;

interface ScrapeMessage {
  type: string;
  id: number;
  text?: string;
  error?: string;
}

let nextId = 0;

/**
 * The text of /metrics. A worker of several behind one port (API_WORKERS) asks its primary, which
 * sums what every worker counts (prom-client's AggregatorRegistry): a scrape through the port that
 * lands on any worker sees the whole API, not the share of whichever worker answered.
 */
export function scrapeMetrics(registry: Registry): Promise<string> {
  if (!cluster.isWorker) return registry.metrics();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      process.off('message', onAnswer);
      reject(new Error('the API_WORKERS primary did not answer a metrics scrape'));
    }, SCRAPE_TIMEOUT_MS);
    const onAnswer = (message: ScrapeMessage): void => {
      if (message?.type !== SCRAPE_ANSWER || message.id !== id) return;
      clearTimeout(timer);
      process.off('message', onAnswer);
      if (message.text === undefined) reject(new Error(`metrics of the API workers: ${message.error}`));
      else resolve(message.text);
    };
    process.on('message', onAnswer);
    process.send!({ type: SCRAPE_REQUEST, id });
  });
}

/** In a worker: lets the primary read this registry (see `scrapeMetrics`). */
export function shareWithPrimary(registry: Registry): void {
  if (!cluster.isWorker) return;
  // Constructing one is what makes prom-client answer the primary's requests in a worker.
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([registry]);
}

/** In the primary: answers the scrapes of its workers with every worker's metrics, summed. */
export function answerWorkerScrapes(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: ScrapeMessage) => {
    if (message?.type !== SCRAPE_REQUEST) return;
    aggregator.clusterMetrics().then(
      (text) => worker.isConnected() && worker.send({ type: SCRAPE_ANSWER, id: message.id, text }),
      (error: Error) =>
        worker.isConnected() && worker.send({ type: SCRAPE_ANSWER, id: message.id, error: error.message }),
    );
  });
}
