import { readFile, writeFile } from 'node:fs/promises';
import { Inject } from '@nestjs/common';
import { Command, Option, SubCommand } from 'nest-commander';
import type { Pool } from 'pg';
import { asOfBound } from '@app/event-store';
import { checkpointOfSize, LedgerProofs, migrateLedger, openCheckpoint } from '@app/ledger';
import { PG_POOL } from '@app/platform';
import { writeOut } from '../stdout';
import { OperatorCommand } from '../operator-command';

@SubCommand({ name: 'status', description: "The ledger's tree, its latest checkpoint and the verifier key (JSON)" })
export class LedgerStatusCommand extends OperatorCommand {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly proofs: LedgerProofs,
  ) {
    super();
  }

  async run(): Promise<void> {
    await migrateLedger(this.pool);
    await writeOut(`${JSON.stringify(await this.proofs.status())}\n`);
  }
}

/**
 * Forgets the ledger's tree (not its checkpoints): the ledger role builds it again from the first
 * event, and before it signs again the new tree must give every published checkpoint's root.
 */
@SubCommand({ name: 'rebuild', description: "Build the ledger's tree again from the log (its checkpoints stay)" })
export class LedgerRebuildCommand extends OperatorCommand {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {
    super();
  }

  async run(): Promise<void> {
    await migrateLedger(this.pool);
    await this.pool.query('TRUNCATE ledger.tiles, ledger.state, ledger.accounts, ledger.event_ids');
    process.stderr.write('the ledger role builds the tree again from the first event; checkpoints are kept\n');
  }
}

@Command({
  name: 'ledger',
  description: 'The Merkle tree over the log: status, rebuild',
  subCommands: [LedgerStatusCommand, LedgerRebuildCommand],
})
export class LedgerCommand extends OperatorCommand {
  async run(): Promise<void> {
    throw new Error('use `ledger status` or `ledger rebuild`');
  }
}

interface ProveFlags {
  account?: string;
  asOf?: string;
  out?: string;
  since?: string;
}

/**
 * Writes an account's proof bundle (docs/audit.md): its events as stored,
 * each with its inclusion proof under the latest signed checkpoint, and the verifier key; with
 * `--since`, the consistency proof from an auditor's earlier checkpoint.
 */
@Command({ name: 'prove', description: "Write a self-contained proof of an account's history to a file" })
export class ProveCommand extends OperatorCommand {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly proofs: LedgerProofs,
  ) {
    super();
  }

  async run(_args: string[], flags: ProveFlags): Promise<void> {
    if (!flags.account) throw new Error('prove needs --account <id>');
    if (!flags.out) throw new Error('prove needs --out <file>: the bundle is written there');
    await migrateLedger(this.pool);
    const bound = flags.asOf === undefined ? {} : asOfBound(flags.asOf);
    if (!bound) throw new Error(`--as-of must be an ISO 8601 instant or a log position, not '${flags.asOf}'`);
    const since = flags.since === undefined ? undefined : await this.sizeOf(flags.since);
    const bundle = await this.proofs.accountBundle(flags.account, bound, flags.asOf ?? null, since);
    if (bundle.events.length === 0)
      throw new Error(
        `account ${flags.account} has no events in the ledger's latest checkpoint (${bundle.treeSize} events)`,
      );
    await writeFile(flags.out, `${JSON.stringify(bundle, null, 2)}\n`);
    await writeOut(
      `${JSON.stringify({ account: flags.account, events: bundle.events.length, treeSize: bundle.treeSize, out: flags.out })}\n`,
    );
  }

  /** The size of a checkpoint file (checked against the key the ledger signs with). */
  private async sizeOf(file: string): Promise<bigint> {
    const note = await readFile(file, 'utf8').catch(() => {
      throw new Error(`--since: cannot read ${file}`);
    });
    const latest = await this.proofs.latestCheckpoint();
    if (!latest) throw new Error('the ledger has signed no checkpoint yet');
    const { size } = openCheckpoint(note, latest.verifierKey);
    if (!(await checkpointOfSize(this.pool, size)) && size > latest.size)
      throw new Error(`--since: checkpoint ${size} is beyond the ledger's latest (${latest.size})`);
    return size;
  }

  @Option({ flags: '--account <id>', description: 'the account to prove' })
  parseAccount(value: string): string {
    return value;
  }

  @Option({ flags: '--as-of <instant|position>', description: 'its history as recorded by then' })
  parseAsOf(value: string): string {
    return value;
  }

  @Option({ flags: '--out <file>', description: 'where to write the bundle (JSON)' })
  parseOut(value: string): string {
    return value;
  }

  @Option({ flags: '--since <checkpoint file>', description: 'add the consistency proof from this earlier checkpoint' })
  parseSince(value: string): string {
    return value;
  }
}
