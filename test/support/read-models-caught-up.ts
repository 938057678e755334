/**
 * Waits until every read model of the API at `baseUrl` has applied the log up to its head (no lag
 * in events), so that pages and answers compared afterwards read the same data.
 */
export async function readModelsCaughtUp(baseUrl: string, key: string, timeoutMs = 300_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; ; await new Promise((resolve) => setTimeout(resolve, 200))) {
    const answer = await fetch(`${baseUrl}/v1/admin/projections`, { headers: { authorization: `Bearer ${key}` } });
    const { projections } = (await answer.json()) as { projections?: Array<{ lag: { events: number } }> };
    if (answer.ok && projections!.every((projection) => projection.lag.events === 0)) return;
    if (Date.now() > deadline) throw new Error(`the read models at ${baseUrl} did not catch up with the log`);
  }
}
