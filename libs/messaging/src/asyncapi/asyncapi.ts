import { topicKindOf, type TopicKind } from '../kafka-message';
import { EVENT_PAYLOADS, EVENT_SCHEMAS } from './event-schemas.generated';

/** A stream of each family of events: where an event goes depends on its stream's kind and its type. */
const FAMILY_STREAMS: Record<string, string> = {
  AccountEvent: 'account-',
  TicketEvent: 'ticket-',
  SlaPolicyEvent: 'sla-policy-',
  CalendarEvent: 'calendar-',
  OperationsEvent: 'operations-',
};

const TOPIC_DESCRIPTIONS: Record<TopicKind, string> = {
  accounts:
    "Accounts' lifecycle: onboarding, contacts, contract changes, churn, NPS, risk flags; and the operations audit trail.",
  tickets: 'Tickets: opened, replies and notes, status, assignment, priority, escalation, merge, CSAT, triggers.',
  sla: "SLA: policies and calendars, and each ticket's SLA targets (applied, started, paused, resumed, at risk, breached, ended).",
  dlq: 'Messages the broker refused for good (too large, rejected): the original headers, dlq_error_code, dlq_error_message, dlq_original_topic, and the value when it fits.',
};

/** CloudEvents 1.0 in Kafka binary mode: the attributes travel as `ce_` headers, the payload as the value. */
const CLOUD_EVENTS_HEADERS = {
  type: 'object',
  required: [
    'ce_specversion',
    'ce_id',
    'ce_source',
    'ce_type',
    'ce_time',
    'ce_subject',
    'content-type',
    'ce_sequence',
    'ce_schemaversion',
  ],
  additionalProperties: false,
  properties: {
    ce_specversion: { type: 'string', const: '1.0' },
    ce_id: {
      type: 'string',
      description: "The event's id: unique, and the same on every redelivery (deduplicate on it).",
    },
    ce_source: { type: 'string', description: 'Who recorded the event, e.g. support-ops/api.' },
    ce_type: { type: 'string', description: 'The event type; selects the payload schema.' },
    ce_time: { type: 'string', format: 'date-time', description: 'When it happened (metadata.occurredAt).' },
    ce_subject: { type: 'string', description: 'The stream, e.g. ticket-T-1001.' },
    'content-type': { type: 'string', const: 'application/json' },
    ce_sequence: {
      type: 'string',
      pattern: '^\\d{20}$',
      description: 'The log position, zero-padded to 20 digits: sorts as text, orders events across topics.',
    },
    ce_correlationid: { type: 'string', description: 'The request or process the event belongs to.' },
    ce_causationid: { type: 'string', description: 'What caused it (a command id or another event).' },
    ce_schemaversion: { type: 'string', description: "The payload's schema version." },
  },
};

/** The topic the ledger publishes its signed checkpoints on (docs/audit.md). */
export const checkpointTopic = (prefix: string) => `${prefix}.checkpoints`;

const KEY = {
  type: 'string',
  description: "The account's id for events about an account (one partition keeps its order), else the stream.",
};

/** A message the relay could not deliver, with why. */
const DEAD_LETTER = {
  name: 'DeadLetter',
  contentType: 'application/json',
  headers: { type: 'object', description: "The original message's headers and the dlq_ ones." },
  payload: {},
  bindings: { kafka: { key: KEY } },
};

/** A checkpoint the ledger signed. */
const CHECKPOINT = {
  name: 'Checkpoint',
  contentType: 'text/plain',
  summary:
    'A C2SP tlog-checkpoint in a C2SP signed note (Ed25519): origin, tree size, root hash, position, recorded-at.',
  headers: {
    type: 'object',
    required: ['content-type', 'tree-size'],
    properties: {
      'content-type': { type: 'string', const: 'text/plain' },
      'tree-size': { type: 'string', pattern: '^[0-9]+$' },
    },
  },
  payload: { type: 'string' },
  bindings: { kafka: { key: { type: 'string', description: "The log's origin." } } },
};

/**
 * The Kafka messages as an AsyncAPI 3.0 document: one channel per topic, one message per event type
 * with its CloudEvents headers and its payload schema, generated from the domain's event types.
 */
export function asyncApiDocument(prefix: string, version = '1'): Record<string, unknown> {
  const channels: Record<string, { address: string; description: string; messages: Record<string, { $ref: string }> }> =
    {};
  const messages: Record<string, unknown> = {};
  const channelOf = (kind: TopicKind) =>
    (channels[kind] ??= { address: `${prefix}.${kind}`, description: TOPIC_DESCRIPTIONS[kind], messages: {} });
  for (const [family, payloads] of Object.entries(EVENT_PAYLOADS)) {
    for (const [type, payload] of Object.entries(payloads)) {
      const kind = topicKindOf({ streamId: `${FAMILY_STREAMS[family]}x`, type });
      channelOf(kind).messages[type] = { $ref: `#/components/messages/${type}` };
      messages[type] = {
        name: type,
        title: type,
        contentType: 'application/json',
        headers: { $ref: '#/components/schemas/CloudEventsHeaders' },
        payload,
        bindings: { kafka: { key: KEY } },
      };
    }
  }
  channelOf('dlq').messages.DeadLetter = { $ref: '#/components/messages/DeadLetter' };
  messages.DeadLetter = DEAD_LETTER;
  channels.checkpoints = {
    address: checkpointTopic(prefix),
    description:
      "The ledger's signed checkpoints of the Merkle tree over the log, each once, in order of size: what witnesses and auditors keep.",
    messages: { Checkpoint: { $ref: '#/components/messages/Checkpoint' } },
  };
  messages.Checkpoint = CHECKPOINT;
  const operations = Object.fromEntries(
    Object.keys(channels).map((kind) => [
      `publish-${kind}`,
      {
        action: 'send',
        channel: { $ref: `#/channels/${kind}` },
        summary:
          kind === 'checkpoints'
            ? `The ledger publishes each checkpoint it signs to ${prefix}.${kind}.`
            : `The relay publishes to ${prefix}.${kind}, at least once, in log order per key.`,
      },
    ]),
  );
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Support Ops events',
      version,
      description:
        'Every event of the log, relayed to Kafka at least once: deduplicate on ce_id, order by ce_sequence. Topic names start with KAFKA_TOPIC_PREFIX.',
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages, schemas: { CloudEventsHeaders: CLOUD_EVENTS_HEADERS, ...EVENT_SCHEMAS } },
  };
}
