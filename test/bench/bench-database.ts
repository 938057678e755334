import { Pool } from 'pg';

/**
 * Runs `work` on a database of its own on the bench's server, dropped afterwards: its log holds only
 * what the group puts there.
 */
export async function withOwnDatabase<T>(
  benchPool: Pool,
  benchUrl: string,
  label: string,
  poolSize: number,
  work: (pool: Pool, url: string) => Promise<T>,
): Promise<T> {
  const name = `support_ops_bench_${label}_${process.pid}`;
  await benchPool.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await benchPool.query(`CREATE DATABASE ${name}`);
  const address = new URL(benchUrl);
  address.pathname = `/${name}`;
  const pool = new Pool({ connectionString: address.toString(), max: poolSize });
  pool.on('error', () => undefined);
  try {
    return await work(pool, address.toString());
  } finally {
    await pool.end();
    await benchPool.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}
