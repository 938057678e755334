/**
 * The answer of every GET, by name: each controller returns its type, and the OpenAPI document's
 * schemas are generated from these types (`npm run schemas:generate`), so the two cannot drift.
 */
import type { Account, CalendarDefinition, SlaPolicyDefinition, SlaTargetState, Ticket } from '@app/domain';
import type { RecordedEventJson } from '@app/event-store';
import type { LedgerStatus } from '@app/ledger';
import type { RelayStatus } from '@app/messaging';
import type {
  AccountOpenWork,
  ProjectionStatus,
  QueueCounts,
  QueueItem,
  RenewingAccount,
  RetentionFigures,
  SlaMetricsGroup,
  TimelineEntry,
} from '@app/projections';
import type { SlaClockBacklog } from '@app/sla-clock';
import type { HealthScore } from '../accounts/health-score';
import type { Period } from '../metrics/period';

/** An aggregate's current state carries its id and the revision its ETag carries. */
interface Revisioned {
  id: string;
  /** The stream's revision: the ETag, and the If-Match of the next command. */
  revision: number;
  /** Log position of the stream's last event folded (with `asOf`, the last one as of then). */
  position: string;
}

export type AccountResponse = Omit<Account, 'accountId'> & Revisioned;
export type AccountHealthResponse = HealthScore & { accountId: string; asOf: string; churned: boolean };
export interface AccountHistoryPage {
  accountId: string;
  events: RecordedEventJson[];
  nextCursor: string | null;
}
export type AccountHistoryResponse = AccountHistoryPage;
export type AccountTimelineResponse = { accountId: string; entries: TimelineEntry[]; nextCursor: string | null };
export type CalendarResponse = CalendarDefinition & Revisioned;
export type SlaPolicyResponse = SlaPolicyDefinition & Revisioned;
export type TicketSlaTarget = Omit<SlaTargetState, 'runningSince'>;
export type TicketResponse = Omit<Ticket, 'ticketId' | 'sla' | 'targets' | 'nextResponses'> &
  Revisioned & {
    sla: { policyId: string; policyName: string; calendarId: string | null; targets: TicketSlaTarget[] } | null;
  };
export type TicketHistoryResponse = { ticketId: string; events: RecordedEventJson[] };
export interface QueuePage {
  group: string;
  items: QueueItem[];
  nextCursor: string | null;
}
export interface QueueList {
  queues: QueueCounts[];
}
export type QueueResponse = QueuePage;
export type QueueCountsResponse = QueueCounts;
export type QueueListResponse = QueueList;
export type SlaMetricsResponse = { period: Period; groupBy: string | null; groups: SlaMetricsGroup[] };
export type RetentionMetricsResponse = { period: Period; tier: string | null; currencies: RetentionFigures[] };
/** An account renewing soon, with what could put the renewal at risk. */
export interface Renewal extends RenewingAccount, AccountOpenWork {
  /** 30, 60 or 90: the window the renewal falls in (or withinDays beyond 90). */
  window: number;
}
export type RenewalsResponse = { asOf: string; withinDays: number; renewals: Renewal[] };
export type ProjectionsResponse = { projections: ProjectionStatus[] };
export type ProjectionResponse = ProjectionStatus;
export type RelayStatusResponse = RelayStatus;
export type SlaClockStatusResponse = SlaClockBacklog;
export type LedgerStatusResponse = LedgerStatus;
/** A signed checkpoint of the ledger: the Merkle tree over the log at one size. */
export interface LedgerCheckpointResponse {
  /** The log's name: the checkpoint's first line, and the signing key's name. */
  origin: string;
  /** Leaves (events) the tree holds, decimal. */
  size: string;
  /** RFC 9162 root hash, base64. */
  rootHash: string;
  /** Log position of the last event in the tree, decimal. */
  position: string;
  /** When the log recorded that event (ISO 8601). */
  recordedAt: string;
  /** When the checkpoint was signed (ISO 8601). */
  signedAt: string;
  /** The checkpoint as a C2SP signed note: what an auditor keeps. */
  note: string;
  /** The Ed25519 verifier key of the signature, `<origin>+<key id>+<base64>`. */
  verifierKey: string;
}

/** An event's inclusion proof (RFC 9162 §2.1.3). */
export interface InclusionProofResponse {
  leafIndex: string;
  treeSize: string;
  /** SHA-256(0x00 || leaf), base64. */
  leafHash: string;
  /** The audit path, base64, leaf side first. */
  proof: string[];
}

/** A consistency proof between two tree sizes (RFC 9162 §2.1.4). */
export interface ConsistencyProofResponse {
  from: string;
  to: string;
  /** Base64 hashes. */
  proof: string[];
}

/** The answer of a command. */
export interface CommandResponse {
  /** The stream the command wrote to, e.g. `ticket-8f0c…`. */
  streamId: string;
  /** The stream's revision after the command; also the ETag. */
  revision: number;
  /** Global log position of the last event, as a decimal string: pass it as X-Min-Position to read your write. */
  position: string;
  /** The id of the created resource (on creates). */
  id?: string;
}

/** The body of every 4xx and 5xx answer. */
export interface ErrorResponse {
  /** Stable and machine-readable, e.g. `validation_failed`, `account_not_found`, `precondition_failed`. */
  code: string;
  /** For a person: what went wrong and what to do. */
  message: string;
  /** Structured context; for `validation_failed`, `errors` lists each field of the request and what is wrong with it. */
  details?: { errors?: { field: string; message: string }[] } & Record<string, unknown>;
}
