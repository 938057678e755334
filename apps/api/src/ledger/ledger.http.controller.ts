import { Controller, Get } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Type, type Static } from '@sinclair/typebox';
import { LedgerProofs, type StoredCheckpoint } from '@app/ledger';
import { POSITION_PATTERN, rule, Strict } from '@app/validation';
import { ApiAnswer } from '../openapi/api-answer.decorator';
import type {
  ConsistencyProofResponse,
  InclusionProofResponse,
  LedgerCheckpointResponse,
  LedgerStatusResponse,
} from '../openapi/responses';
import { ApiError } from '../shared/api-error';
import { Authorized } from '../shared/auth/auth.guard';
import { ValidQuery } from '../shared/request.decorators';

const TreeSize = (description: string) =>
  Type.String({ pattern: POSITION_PATTERN, description, ...rule("at most the size of the ledger's tree") });

const InclusionRequest = Strict({
  position: Type.Optional(
    Type.String({
      pattern: POSITION_PATTERN,
      description: 'The log position of the event.',
      ...rule('exactly one of position and eventId'),
    }),
  ),
  eventId: Type.Optional(
    Type.String({
      format: 'uuid',
      pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
      description: 'The id of the event.',
      ...rule('exactly one of position and eventId'),
    }),
  ),
  treeSize: Type.Optional(
    TreeSize('The tree the proof is for (a checkpoint you hold); the latest checkpoint when left out.'),
  ),
});
type InclusionRequest = Static<typeof InclusionRequest>;

const ConsistencyRequest = Strict({
  from: TreeSize('The smaller tree (a checkpoint you hold), at least 1.'),
  to: Type.Optional(TreeSize('The larger tree; the latest checkpoint when left out.')),
});
type ConsistencyRequest = Static<typeof ConsistencyRequest>;

const notYet = () =>
  new ApiError(
    404,
    'no_checkpoint_yet',
    'the ledger has signed no checkpoint yet: the ledger role signs one within CHECKPOINT_INTERVAL_MS',
  );

/** Every answer but the status needs a signed checkpoint; the first comes within CHECKPOINT_INTERVAL_MS of the first event. */
const UntilTheFirstCheckpoint = (also = '') =>
  ApiNotFoundResponse({ description: `no_checkpoint_yet: the ledger has signed no checkpoint yet${also}` });

const checkpointAnswer = (checkpoint: StoredCheckpoint): LedgerCheckpointResponse => ({
  origin: checkpoint.origin,
  size: checkpoint.size.toString(),
  rootHash: checkpoint.root.toString('base64'),
  position: checkpoint.position.toString(),
  recordedAt: checkpoint.recordedAt,
  signedAt: checkpoint.signedAt.toISOString(),
  note: checkpoint.note,
  verifierKey: checkpoint.verifierKey,
});

/** The audit trail's proofs (docs/audit.md): checkpoints, inclusion, consistency. */
@ApiTags('ledger')
@Controller('v1/ledger')
export class LedgerHttpController {
  constructor(private readonly proofs: LedgerProofs) {}

  @ApiOperation({
    summary:
      'The latest signed checkpoint (C2SP tlog-checkpoint in a signed note, Ed25519) of the Merkle tree over the log, and the verifier key that signed it.',
  })
  @Get('checkpoint')
  @ApiAnswer('LedgerCheckpointResponse')
  @UntilTheFirstCheckpoint()
  @Authorized('read')
  async getLedgerCheckpoint(): Promise<LedgerCheckpointResponse> {
    const checkpoint = await this.proofs.latestCheckpoint();
    if (!checkpoint) throw notYet();
    return checkpointAnswer(checkpoint);
  }

  @ApiOperation({
    summary:
      "The ledger: the tree's size, its lag behind the log, its latest checkpoint and how old it is, the verifier key.",
  })
  @Get('status')
  @ApiAnswer('LedgerStatusResponse')
  @Authorized('read')
  getLedgerStatus(): Promise<LedgerStatusResponse> {
    return this.proofs.status();
  }

  @ApiOperation({
    summary: 'The inclusion proof (RFC 9162) of one event, by position or event id, in a tree of a given size.',
  })
  @Get('proofs/inclusion')
  @ApiAnswer('InclusionProofResponse')
  @UntilTheFirstCheckpoint("; event_not_in_ledger: no event of the ledger's tree is at that position or id")
  @Authorized('read')
  async getInclusionProof(@ValidQuery(InclusionRequest) request: InclusionRequest): Promise<InclusionProofResponse> {
    if ((request.position === undefined) === (request.eventId === undefined))
      throw ApiError.validation([{ field: 'position', message: 'give exactly one of position and eventId' }]);
    const size = await this.treeSize(request.treeSize, 'treeSize');
    const index = await this.proofs.leafIndex({
      position: request.position === undefined ? undefined : BigInt(request.position),
      eventId: request.eventId,
    });
    if (index === undefined)
      throw new ApiError(
        404,
        'event_not_in_ledger',
        `no event of the ledger's tree is at ${request.position ?? request.eventId}`,
      );
    if (index >= size)
      throw ApiError.validation([{ field: 'treeSize', message: `must be above the event's leaf index ${index}` }]);
    const { proof, leafHash } = await this.proofs.inclusion(index, size);
    return {
      leafIndex: index.toString(),
      treeSize: size.toString(),
      leafHash: leafHash.toString('base64'),
      proof: proof.map((hash) => hash.toString('base64')),
    };
  }

  @ApiOperation({ summary: 'The consistency proof (RFC 9162) that the tree of `to` leaves extends the one of `from`.' })
  @Get('proofs/consistency')
  @ApiAnswer('ConsistencyProofResponse')
  @UntilTheFirstCheckpoint()
  @Authorized('read')
  async getConsistencyProof(
    @ValidQuery(ConsistencyRequest) request: ConsistencyRequest,
  ): Promise<ConsistencyProofResponse> {
    const to = await this.treeSize(request.to, 'to');
    const from = BigInt(request.from);
    if (from === 0n || from > to)
      throw ApiError.validation([{ field: 'from', message: `must be from 1 to the larger tree's size ${to}` }]);
    const proof = await this.proofs.consistency(from, to);
    return { from: from.toString(), to: to.toString(), proof: proof.map((hash) => hash.toString('base64')) };
  }

  /** A tree size asked for, at most the tree's, or the latest checkpoint's. */
  private async treeSize(asked: string | undefined, field: string): Promise<bigint> {
    if (asked === undefined) {
      const checkpoint = await this.proofs.latestCheckpoint();
      if (!checkpoint) throw notYet();
      return checkpoint.size;
    }
    const size = await this.proofs.size();
    if (BigInt(asked) > size || BigInt(asked) === 0n)
      throw ApiError.validation([{ field, message: `must be from 1 to the tree's size ${size}` }]);
    return BigInt(asked);
  }
}
