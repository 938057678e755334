import express from 'express';
import pino from 'pino';
import request from 'supertest';
import { PinoNestLogger, requestLogging } from './pino-nest-logger';

/** A logger at info whose lines the test reads. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('request logs', () => {
  it('log a line per request, readiness probes only while they fail, liveness and metrics never', async () => {
    const { logger, lines } = capturedLogger();
    let ready = true;
    const app = express()
      .use(requestLogging(logger))
      .get('/ready', (_req, res) => void res.status(ready ? 200 : 503).end())
      .get(['/health', '/metrics', '/v1/queues/x'], (_req, res) => void res.status(200).end());
    for (const path of ['/health', '/metrics', '/ready', '/v1/queues/x']) await request(app).get(path).expect(200);
    ready = false;
    await request(app).get('/ready').expect(503);
    expect(lines.map((line) => [(line.req as { url: string }).url, line.level])).toEqual([
      ['/v1/queues/x', 30],
      ['/ready', 50],
    ]);
  });
});

describe("Nest's own lines", () => {
  it('become pino lines with their context, and errors keep their stack', () => {
    const { logger, lines } = capturedLogger();
    const nest = new PinoNestLogger(logger);
    nest.log('Mapped {/v1/tickets, POST} route', 'RouterExplorer');
    nest.error('boom', 'Error: boom\n    at somewhere', 'ExceptionHandler');
    nest.debug('not at info');
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, context: 'RouterExplorer', msg: 'Mapped {/v1/tickets, POST} route' }),
      expect.objectContaining({
        level: 50,
        context: 'ExceptionHandler',
        stack: 'Error: boom\n    at somewhere',
        msg: 'boom',
      }),
    ]);
  });
});
