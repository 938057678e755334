import { Inject } from '@nestjs/common';
import { Command } from 'nest-commander';
import type { Pool } from 'pg';
import { migrateMessaging } from '@app/messaging';
import { PG_POOL } from '@app/platform';
import { writeOut } from './stdout';
import { OperatorCommand } from './operator-command';

/**
 * Migrations run whenever a role starts; this command applies them on their own, for deployments
 * that migrate before rolling out (the platform applies them while it starts).
 */
@Command({ name: 'migrate', description: 'Apply pending database migrations and print the schema versions' })
export class MigrateCommand extends OperatorCommand {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {
    super();
  }

  async run(): Promise<void> {
    // The relay's tables are migrated where the relay runs; here too, for deployments that migrate first.
    await migrateMessaging(this.pool);
    const { rows } = await this.pool.query<{ component: string; version: number; name: string; applied_at: Date }>(
      'SELECT component, version, name, applied_at FROM schema_migrations ORDER BY component, version',
    );
    for (const row of rows) {
      await writeOut(`${row.component} v${row.version}  ${row.name}  (applied ${row.applied_at.toISOString()})\n`);
    }
  }
}
