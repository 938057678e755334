import type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` in one transaction on a pooled connection. While checked out, a connection has no
 * listener for asynchronous errors (the server shutting down, a killed backend), and node-pg would
 * crash the process with an unhandled 'error' event: one is attached for the duration; the work's
 * next query then fails, the transaction is abandoned and the broken connection is discarded.
 */
export async function inTransaction<T>(pool: Pool, work: (tx: PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const tx = await pool.connect();
  const ignore = (): void => undefined;
  tx.on('error', ignore);
  let failure: Error | undefined;
  try {
    await tx.query(begin);
    const result = await work(tx);
    await tx.query('COMMIT');
    return result;
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    await tx.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    tx.off('error', ignore);
    // A connection whose transaction failed may be broken: never hand it out again.
    tx.release(failure);
  }
}
