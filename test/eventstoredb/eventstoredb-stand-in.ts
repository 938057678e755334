import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import * as shared from '@eventstore/db-client/generated/shared_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import * as pb from '@eventstore/db-client/generated/streams_pb';

/**
 * An EventStoreDB stand-in: a gRPC server built on the real client's generated service definitions,
 * answering Streams Append and Read with EventStoreDB's documented semantics (revisions from 0,
 * commit positions in log order, wrong-expected-version answers, stream-not-found, idempotent
 * event ids, $all reads and subscriptions with server-side filters, caught-up and checkpoints).
 * It exists only because no EventStoreDB server can run in CI here; with
 * EVENTSTORE_CONNECTION_STRING set the same tests run against a real server. Memory only.
 */
interface Stored {
  id: string;
  stream: string;
  revision: bigint;
  position: bigint;
  metadata: Map<string, string>;
  data: Uint8Array;
  customMetadata: Uint8Array;
}

const TICKS_PER_MS = 10_000n;
type Live = (event: Stored) => void;

/** An event as the stand-in holds it, readable and writable: what an insider with the server's files could change. */
export interface InsiderEvent {
  id: string;
  readonly type: string;
  stream: string;
  revision: bigint;
  position: bigint;
  /** When the server recorded it, in milliseconds. */
  createdMs: bigint;
  data: unknown;
  /** The event's metadata as stored (the adapter keeps the chain hash in it, under `$hash`). */
  metadata: Record<string, unknown>;
}

export class EventStoreDbStandIn {
  private server = new grpc.Server();
  private readonly all: Stored[] = [];
  private readonly streams = new Map<string, Stored[]>();
  private readonly live = new Set<Live>();
  private nextPosition = 0n;
  private port = 0;

  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  async start(): Promise<this> {
    await this.listen('127.0.0.1:0');
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.tryShutdown(() => resolve()));
    this.server.forceShutdown();
  }

  /** The server goes away (open calls and subscriptions fail) and comes back on the same port with the same log. */
  async restart(awayMs: number): Promise<void> {
    this.server.forceShutdown();
    await new Promise((resolve) => setTimeout(resolve, awayMs));
    this.server = new grpc.Server();
    await this.listen(`127.0.0.1:${this.port}`);
  }

  /**
   * Rewrites the stored log, as whoever can write to the server's files can (the ledger's tests
   * play that insider): `change` gets every event in log order and returns the log that remains.
   */
  rewrite(change: (events: InsiderEvent[]) => InsiderEvent[]): void {
    const views = this.all.map((event) => ({
      id: event.id,
      type: event.metadata.get('type') ?? '',
      stream: event.stream,
      revision: event.revision,
      position: event.position,
      createdMs: BigInt(event.metadata.get('created') ?? '0') / TICKS_PER_MS,
      data: JSON.parse(Buffer.from(event.data).toString('utf8')),
      metadata: JSON.parse(Buffer.from(event.customMetadata).toString('utf8') || '{}'),
    }));
    const kept = change(views).sort((a, b) => (a.position < b.position ? -1 : 1));
    const byId = new Map(this.all.map((event) => [event.id, event]));
    this.all.length = 0;
    this.streams.clear();
    for (const view of kept) {
      const original = byId.get(view.id)!;
      const metadata = new Map(original.metadata);
      metadata.set('created', (view.createdMs * TICKS_PER_MS).toString());
      const event: Stored = {
        ...original,
        stream: view.stream,
        revision: view.revision,
        position: view.position,
        metadata,
        data: Buffer.from(JSON.stringify(view.data)),
        customMetadata: Buffer.from(JSON.stringify(view.metadata)),
      };
      this.all.push(event);
      this.streams.set(event.stream, [...(this.streams.get(event.stream) ?? []), event]);
    }
  }

  /** The log as it is now, to put back with the function returned. */
  snapshot(): () => void {
    const all = [...this.all];
    return () => {
      this.all.length = 0;
      this.streams.clear();
      for (const event of all) {
        this.all.push(event);
        this.streams.set(event.stream, [...(this.streams.get(event.stream) ?? []), event]);
      }
    };
  }

  /** What EventStoreDB writes by itself (statistics, projections' state): `$` streams and types. */
  appendSystemEvent(stream: string, type: string): void {
    const existing = this.streams.get(stream) ?? [];
    const event: Stored = {
      id: randomUUID(),
      stream,
      revision: BigInt(existing.length),
      position: (this.nextPosition += 128n),
      metadata: new Map([
        ['type', type],
        ['content-type', 'application/json'],
        ['created', (BigInt(Date.now()) * TICKS_PER_MS).toString()],
      ]),
      data: Buffer.from('{}'),
      customMetadata: new Uint8Array(),
    };
    existing.push(event);
    this.streams.set(stream, existing);
    this.all.push(event);
    for (const listener of this.live) listener(event);
  }

  private async listen(address: string): Promise<void> {
    this.server.addService(StreamsService, {
      append: (
        call: grpc.ServerReadableStream<pb.AppendReq, pb.AppendResp>,
        callback: grpc.sendUnaryData<pb.AppendResp>,
      ) => this.append(call, callback),
      read: (call: grpc.ServerWritableStream<pb.ReadReq, pb.ReadResp>) => this.read(call),
      delete: (_call: unknown, callback: grpc.sendUnaryData<never>) => callback({ code: grpc.status.UNIMPLEMENTED }),
      tombstone: (_call: unknown, callback: grpc.sendUnaryData<never>) => callback({ code: grpc.status.UNIMPLEMENTED }),
      batchAppend: (call: grpc.ServerDuplexStream<unknown, unknown>) =>
        call.emit('error', { code: grpc.status.UNIMPLEMENTED }),
    });
    this.port = await new Promise<number>((resolve, reject) =>
      this.server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (error, port) =>
        error ? reject(error) : resolve(port),
      ),
    );
  }

  private append(
    call: grpc.ServerReadableStream<pb.AppendReq, pb.AppendResp>,
    callback: grpc.sendUnaryData<pb.AppendResp>,
  ): void {
    let options: pb.AppendReq.Options | undefined;
    const proposed: pb.AppendReq.ProposedMessage[] = [];
    call.on('data', (request: pb.AppendReq) => {
      if (request.hasOptions()) options = request.getOptions();
      else if (request.hasProposedMessage())
        proposed.push(request.getProposedMessage() as pb.AppendReq.ProposedMessage);
    });
    call.on('error', () => undefined);
    call.on('end', () => {
      if (!options) return callback({ code: grpc.status.INVALID_ARGUMENT, details: 'no options' });
      callback(null, this.decideAppend(options, proposed));
    });
  }

  private decideAppend(options: pb.AppendReq.Options, proposed: pb.AppendReq.ProposedMessage[]): pb.AppendResp {
    const stream = Buffer.from(options.getStreamIdentifier()!.getStreamName_asU8()).toString('utf8');
    const existing = this.streams.get(stream) ?? [];
    const current = BigInt(existing.length) - 1n;
    const ids = proposed.map((message) => message.getId()!.getString());
    const response = new pb.AppendResp();
    // Idempotence (EventStoreDB): the same ids appended again at the same place answer as the first time.
    const first = existing.findIndex((event) => event.id === ids[0]);
    if (ids.length > 0 && first >= 0 && ids.every((id, i) => existing[first + i]?.id === id)) {
      const expectedAt = options.hasRevision() ? BigInt(options.getRevision()) : options.hasNoStream() ? -1n : null;
      if (options.hasAny() || options.hasStreamExists() || expectedAt === BigInt(first) - 1n)
        return this.success(response, existing[first + ids.length - 1]);
    }
    const mismatch =
      (options.hasRevision() && BigInt(options.getRevision()) !== current) ||
      (options.hasNoStream() && existing.length > 0) ||
      (options.hasStreamExists() && existing.length === 0);
    if (mismatch) {
      const wrong = new pb.AppendResp.WrongExpectedVersion();
      if (existing.length > 0) wrong.setCurrentRevision(current.toString());
      else wrong.setCurrentNoStream(new shared.Empty());
      if (options.hasRevision()) wrong.setExpectedRevision(options.getRevision());
      else if (options.hasNoStream()) wrong.setExpectedNoStream(new shared.Empty());
      else if (options.hasStreamExists()) wrong.setExpectedStreamExists(new shared.Empty());
      else wrong.setExpectedAny(new shared.Empty());
      return response.setWrongExpectedVersion(wrong);
    }
    if (proposed.length === 0) {
      const success = new pb.AppendResp.Success();
      if (existing.length > 0) success.setCurrentRevision(current.toString());
      else success.setNoStream(new shared.Empty());
      return response.setSuccess(success.setNoPosition(new shared.Empty()));
    }
    const created = (BigInt(Date.now()) * TICKS_PER_MS).toString();
    let last: Stored | undefined;
    for (const message of proposed) {
      const metadata = new Map(message.getMetadataMap().getEntryList() as Array<[string, string]>);
      metadata.set('created', created);
      last = {
        id: message.getId()!.getString(),
        stream,
        revision: BigInt(existing.length),
        // Sparse and increasing, as commit positions are.
        position: (this.nextPosition += 64n + BigInt(message.getData_asU8().length)),
        metadata,
        data: message.getData_asU8(),
        customMetadata: message.getCustomMetadata_asU8(),
      };
      existing.push(last);
      this.all.push(last);
    }
    this.streams.set(stream, existing);
    for (const event of existing.slice(-proposed.length)) for (const listener of this.live) listener(event);
    return this.success(response, last as Stored);
  }

  private success(response: pb.AppendResp, last: Stored): pb.AppendResp {
    const position = new pb.AppendResp.Position()
      .setCommitPosition(last.position.toString())
      .setPreparePosition(last.position.toString());
    return response.setSuccess(
      new pb.AppendResp.Success().setCurrentRevision(last.revision.toString()).setPosition(position),
    );
  }

  private read(call: grpc.ServerWritableStream<pb.ReadReq, pb.ReadResp>): void {
    const options = call.request.getOptions()!;
    const backwards = options.getReadDirection() === pb.ReadReq.Options.ReadDirection.BACKWARDS;
    const limit = options.hasCount() ? Number(options.getCount()) : Infinity;
    const accept = filterOf(options);
    const subscription = options.hasSubscription();
    const write = (event: Stored) => call.write(new pb.ReadResp().setEvent(readEvent(event)));
    let source: Stored[];
    if (options.hasStream()) {
      const streamOptions = options.getStream()!;
      const name = Buffer.from(streamOptions.getStreamIdentifier()!.getStreamName_asU8()).toString('utf8');
      const events = this.streams.get(name);
      if (!events && !subscription) {
        call.write(
          new pb.ReadResp().setStreamNotFound(
            new pb.ReadResp.StreamNotFound().setStreamIdentifier(streamOptions.getStreamIdentifier()),
          ),
        );
        call.end();
        return;
      }
      const from = streamOptions.hasRevision()
        ? BigInt(streamOptions.getRevision())
        : streamOptions.hasEnd()
          ? BigInt(events?.length ?? 0) - 1n
          : 0n;
      source = (events ?? []).filter((event) => (backwards ? event.revision <= from : event.revision >= from));
    } else {
      const allOptions = options.getAll()!;
      const from = allOptions.hasPosition()
        ? BigInt(allOptions.getPosition()!.getCommitPosition())
        : allOptions.hasEnd()
          ? this.nextPosition + 1n
          : -1n;
      // Forwards from a position starts after it for subscriptions and at it for reads, as EventStoreDB does.
      source = this.all.filter((event) =>
        backwards ? event.position < from : subscription ? event.position > from : event.position >= from,
      );
    }
    const ordered = backwards ? [...source].reverse() : source;
    if (!subscription) {
      let sent = 0;
      for (const event of ordered) {
        if (sent >= limit) break;
        if (!accept(event)) continue;
        write(event);
        sent += 1;
      }
      call.end();
      return;
    }
    call.write(
      new pb.ReadResp().setConfirmation(
        new pb.ReadResp.SubscriptionConfirmation().setSubscriptionId(`stand-in-${Date.now()}`),
      ),
    );
    let lastSeen = -1n;
    for (const event of ordered) {
      lastSeen = event.position;
      if (accept(event)) write(event);
    }
    if (options.hasFilter() && lastSeen >= 0n)
      call.write(
        new pb.ReadResp().setCheckpoint(
          new pb.ReadResp.Checkpoint().setCommitPosition(lastSeen.toString()).setPreparePosition(lastSeen.toString()),
        ),
      );
    call.write(new pb.ReadResp().setCaughtUp(new pb.ReadResp.CaughtUp()));
    const streamName = options.hasStream()
      ? Buffer.from(options.getStream()!.getStreamIdentifier()!.getStreamName_asU8()).toString('utf8')
      : null;
    const listener: Live = (event) => {
      if (streamName !== null && event.stream !== streamName) return;
      if (accept(event)) write(event);
    };
    this.live.add(listener);
    call.on('cancelled', () => this.live.delete(listener));
    call.on('close', () => this.live.delete(listener));
  }
}

function readEvent(event: Stored): pb.ReadResp.ReadEvent {
  const recorded = new pb.ReadResp.ReadEvent.RecordedEvent()
    .setId(new shared.UUID().setString(event.id))
    .setStreamIdentifier(new shared.StreamIdentifier().setStreamName(Buffer.from(event.stream, 'utf8')))
    .setStreamRevision(event.revision.toString())
    .setCommitPosition(event.position.toString())
    .setPreparePosition(event.position.toString())
    .setData(event.data)
    .setCustomMetadata(event.customMetadata);
  for (const [key, value] of event.metadata) recorded.getMetadataMap().set(key, value);
  return new pb.ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(event.position.toString());
}

/** Server-side filters on event type or stream name: a regular expression or a list of prefixes. */
function filterOf(options: pb.ReadReq.Options): (event: Stored) => boolean {
  if (!options.hasFilter()) return () => true;
  const filter = options.getFilter()!;
  const expression = filter.hasEventType() ? filter.getEventType()! : filter.getStreamIdentifier()!;
  const subject = (event: Stored) => (filter.hasEventType() ? (event.metadata.get('type') ?? '') : event.stream);
  const prefixes = expression.getPrefixList();
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : null;
  return (event) =>
    prefixes.length > 0
      ? prefixes.some((prefix) => subject(event).startsWith(prefix))
      : regex
        ? regex.test(subject(event))
        : true;
}
