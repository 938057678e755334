import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { nestLogger } from './platform.module';

/**
 * Creates a Nest HTTP application with structured logs and SIGINT/SIGTERM handling. A failure to
 * start is thrown to the caller, which says it in one line, rather than Nest exiting on its own.
 */
export async function createHttpApp(module: unknown): Promise<INestApplication> {
  // No body parsers by default: the API registers the one it takes (JSON, configure-api.ts), and a
  // parser for bodies nobody takes (urlencoded) would still look at every request.
  const app = await NestFactory.create(module as never, {
    logger: nestLogger(),
    abortOnError: false,
    bodyParser: false,
  });
  // Ends with process.exit once the shutdown hooks ran, rather than by re-raising the signal: only
  // an exit lets pino write out the lines still buffered ("shutting down", "stopped").
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  return app;
}

/** What a failed start says: the port setting to change when the port is taken, else the error. */
export function startFailure(error: unknown, portSetting: string): string {
  const { code, port } = error as { code?: string; port?: number };
  if (code === 'EADDRINUSE')
    return `${portSetting} ${port} is in use by another program (another npm start?): stop it or set ${portSetting} to a free port`;
  return error instanceof Error ? error.message : String(error);
}
