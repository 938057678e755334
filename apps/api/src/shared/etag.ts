import type { Response } from 'express';

/** Sets the revision as ETag and adds it to the body. */
export function withETag<T extends object>(response: Response, revision: bigint, body: T): T & { revision: number } {
  response.setHeader('ETag', `"${revision}"`);
  return { ...body, revision: Number(revision) };
}
