import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Metrics } from '@app/observability';

/** Records every request's latency by method, matched route (not raw URL, to bound cardinality) and status. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: Metrics) {}

  use(
    req: IncomingMessage & { route?: { path?: string }; baseUrl?: string },
    res: ServerResponse,
    next: () => void,
  ): void {
    const stop = this.metrics.httpRequestSeconds.startTimer();
    res.on('finish', () => {
      const route = req.route?.path;
      stop({
        method: req.method,
        route: route ? `${req.baseUrl ?? ''}${route}` : 'unmatched',
        status: String(res.statusCode),
      });
    });
    next();
  }
}
