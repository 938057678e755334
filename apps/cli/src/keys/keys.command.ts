import { Module } from '@nestjs/common';
import { Command, Option, SubCommand } from 'nest-commander';
import { newApiKey, SCOPES, type Scope } from '@app/commanding';
import { generateSigningKey, parseSigningKey, verifierKey } from '@app/ledger';
import { writeOut } from '../stdout';
import { OperatorCommand } from '../operator-command';

interface CreateFlags {
  id?: string;
  scopes?: Scope[];
}

@SubCommand({
  name: 'create',
  description: 'Create an API key: prints the key once and the API_KEYS entry that accepts it',
})
export class KeysCreateCommand extends OperatorCommand {
  async run(_args: string[], { id, scopes }: CreateFlags): Promise<void> {
    if (!id) throw new Error('keys create needs --id <name>: the name the event metadata records as the actor');
    if (!scopes) throw new Error(`keys create needs --scopes <list>: comma-separated, of ${SCOPES.join(', ')}`);
    const { key, entry } = newApiKey(id, scopes);
    await writeOut(`${JSON.stringify({ key, apiKeysEntry: entry }, null, 2)}\n`);
    process.stderr.write(
      `Give the key to the service "${id}" now: it is not stored anywhere.\n` +
        'Add the entry to the JSON array in API_KEYS and restart the API, for instance\n' +
        `  API_KEYS='${JSON.stringify([entry])}'\n`,
    );
  }

  @Option({ flags: '--id <name>', description: 'who the key belongs to (recorded as the actor of its commands)' })
  parseId(value: string): string {
    if (!/^[\w.:-]{1,100}$/.test(value)) throw new Error('--id: letters, digits and . _ : - (up to 100)');
    return value;
  }

  @Option({ flags: '--scopes <list>', description: `comma-separated scopes: ${SCOPES.join(', ')}` })
  parseScopes(value: string): Scope[] {
    const scopes = value.split(',').filter(Boolean);
    const unknown = scopes.filter((scope) => !(SCOPES as readonly string[]).includes(scope));
    if (unknown.length > 0 || scopes.length === 0)
      throw new Error(`--scopes: unknown scope ${unknown.join(', ') || '(none given)'}; scopes: ${SCOPES.join(', ')}`);
    return scopes as Scope[];
  }
}

@SubCommand({
  name: 'checkpoint',
  description: 'Create the key the ledger signs checkpoints with: prints CHECKPOINT_SIGNING_KEY and its verifier key',
})
export class KeysCheckpointCommand extends OperatorCommand {
  async run(_args: string[], { origin }: { origin?: string }): Promise<void> {
    if (!origin)
      throw new Error('keys checkpoint needs --origin <name>: the name of your log, e.g. example.com/support-ops');
    const key = generateSigningKey(origin);
    await writeOut(
      `${JSON.stringify({ checkpointSigningKey: key, verifierKey: verifierKey(parseSigningKey(key)) }, null, 2)}\n`,
    );
    process.stderr.write(
      'Set CHECKPOINT_SIGNING_KEY to the signing key where the ledger role runs, kept apart from the database;\n' +
        'give the verifier key to your auditors: it is what they check checkpoints with.\n',
    );
  }

  @Option({ flags: '--origin <name>', description: "the log's name: every checkpoint's first line (no spaces or +)" })
  parseOrigin(value: string): string {
    if (!/^[^\s+]{1,200}$/.test(value)) throw new Error('--origin: a name without spaces or + (up to 200 characters)');
    return value;
  }
}

@Command({
  name: 'keys',
  description: 'API keys for services, the checkpoint signing key (no database needed)',
  subCommands: [KeysCreateCommand, KeysCheckpointCommand],
})
export class KeysCommand extends OperatorCommand {
  async run(): Promise<void> {
    throw new Error('use `keys create --id <name> --scopes <list>` or `keys checkpoint --origin <name>`');
  }
}

/** Commands that need no database: the CLI runs them without starting or joining one. */
@Module({ providers: [KeysCommand, KeysCreateCommand, KeysCheckpointCommand] })
export class KeysModule {}
