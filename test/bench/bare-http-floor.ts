import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Pool } from 'pg';
import pino from 'pino';
import {
  CommandExecutor,
  CommandGateway,
  Enrichers,
  Send,
  SlaCatalog,
  systemClock,
  type CommandMeta,
  type CommandToSend,
} from '../../libs/commanding/src';
import { PostgresEventStore } from '../../libs/event-store/src';
import { PersonalDataCipher, PostgresKeyStore, ProtectedEventStore, storedEventStore } from '../../libs/privacy/src';
import { AddReply, addReply, OpenTicket, openTicket } from '../../libs/requests/src';
import { problemsOf } from '../../libs/validation/src';

/**
 * The http group's floor (docs/benchmark.md): what Node itself does for the API's work, with no
 * framework. A plain node:http server parses the same bodies, checks them against the same compiled
 * schemas, and sends the same commands through the same gateway, deciders and event store (the
 * PostgreSQL adapter behind the personal-data seal, as the API's), answering 201 with the result.
 * What it leaves out is what the API adds around that: routing, auth, idempotency keys, logging,
 * metrics, error mapping. Run by the bench as a process of its own: DATABASE_URL, PORT,
 * PII_MASTER_KEY; prints "listening" when it serves.
 */
const OPEN = /^\/v1\/tickets$/;
const REPLY = /^\/v1\/tickets\/([^/]+)\/replies$/;

async function main(): Promise<void> {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const cipher = new PersonalDataCipher(
    new PostgresKeyStore(pool, Buffer.from(process.env.PII_MASTER_KEY ?? '', 'base64')),
    60_000,
  );
  const store = new ProtectedEventStore(
    new PostgresEventStore(pool, { listenConnectionString: process.env.DATABASE_URL }),
    cipher,
  );
  const catalog = new SlaCatalog(storedEventStore(store), pool, pino({ level: 'warn' }));
  await catalog.onApplicationBootstrap();
  const executor = new CommandExecutor(store, 3, systemClock, 10_000, { completed: () => {}, retried: () => {} });
  const gateway = new CommandGateway(executor, new Enrichers(store, catalog, cipher, executor));

  const commandOf = (request: IncomingMessage, body: unknown): CommandToSend | string => {
    const reply = REPLY.exec(request.url ?? '');
    if (reply) return problemsOf(AddReply, body)[0]?.field ?? addReply(reply[1], randomUUID(), body as AddReply);
    if (OPEN.test(request.url ?? ''))
      return problemsOf(OpenTicket, body)[0]?.field ?? openTicket(randomUUID(), body as OpenTicket);
    return 'path';
  };
  const answer = (response: ServerResponse, status: number, body: unknown): void => {
    const text = JSON.stringify(body, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
    response.writeHead(status, { 'content-type': 'application/json' }).end(text);
  };

  const server = createServer((request, response) => {
    if (request.method === 'GET') return answer(response, request.url === '/health' ? 200 : 404, {});
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const command = commandOf(request, JSON.parse(Buffer.concat(chunks).toString('utf8')));
      if (typeof command === 'string') return answer(response, 400, { field: command });
      const causationId = randomUUID();
      const meta: CommandMeta = {
        actor: { kind: 'service', id: 'bench' },
        correlationId: causationId,
        causationId,
        source: 'support-ops/bench-floor',
      };
      gateway.execute(new Send(command, meta)).then(
        (result) => answer(response, 201, { ...result, id: 'ticketId' in command ? command.ticketId : undefined }),
        (error: Error) => answer(response, 500, { message: error.message }),
      );
    });
  });
  server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('listening\n'));
  // Nothing to keep when the bench is done with it (the store's listening connection would hold it open).
  process.once('SIGTERM', () => process.exit(0));
}

void main();
