import type {
  AppendOptions,
  AppendResult,
  BatchHandler,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SqlLog,
  SubscribeOptions,
  Subscription,
} from '@app/event-store';
import type { PersonalDataCipher } from './personal-data-cipher';

/**
 * The event store every role uses: personal data is sealed on the way in and opened on the way out,
 * so commands, projections, the relay, replay and export see plaintext (or the erased marker) while
 * the log holds ciphertext. When the key store fails, the append or read fails with it: nothing is
 * ever written or served in the clear in its place.
 */
export class ProtectedEventStore implements EventStore {
  readonly capabilities: EventStore['capabilities'];
  readonly sqlLog?: SqlLog;
  readonly positionOf?: EventStore['positionOf'];

  constructor(
    /** The adapter itself: what `support-ops verify` reads (hashes cover the stored bytes). */
    readonly stored: EventStore,
    private readonly cipher: PersonalDataCipher,
  ) {
    this.capabilities = stored.capabilities;
    // Copied rows keep personal data sealed (see SqlLog.select): a read model that copies stores it so.
    this.sqlLog = stored.sqlLog;
    this.positionOf = stored.positionOf?.bind(stored);
  }

  async append(
    streamId: string,
    events: EventToAppend[],
    expected: ExpectedRevision,
    options?: AppendOptions,
  ): Promise<AppendResult> {
    const sealed = Array.isArray(events) ? await this.cipher.seal(events) : events;
    return this.stored.append(streamId, sealed, expected, options);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.cipher.open(await this.stored.readStream(streamId, options));
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    const events = await this.stored.readAll(options);
    return options?.asStored ? events : this.cipher.open(events, options?.personalDataOf);
  }

  subscribeToAll(options: SubscribeOptions, handler: BatchHandler): Subscription {
    return this.stored.subscribeToAll(options, async (events) =>
      handler(await this.cipher.open(events, options.personalDataOf)),
    );
  }

  headPosition(): Promise<bigint> {
    return this.stored.headPosition();
  }

  lastPosition(): Promise<bigint> {
    return this.stored.lastPosition();
  }

  close(): Promise<void> {
    return this.stored.close();
  }
}

/**
 * The adapter under the personal-data decorator, for readers that want events as stored: the ledger
 * binds the stored bytes, and the SLA catalog reads only policies and calendars, which hold no
 * personal data (it would open every other event of the log it passes over).
 */
export const storedEventStore = (store: EventStore): EventStore =>
  store instanceof ProtectedEventStore ? store.stored : store;
