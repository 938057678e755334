import type { Response } from 'express';
import type { CurrentState } from './current-state.reader';

/** Sets the revision as ETag and adds it, with the log position it was folded to, to the body. */
export function withETag<T extends object>(
  response: Response,
  { revision, position }: Pick<CurrentState<unknown>, 'revision' | 'position'>,
  body: T,
): T & { revision: number; position: string } {
  response.setHeader('ETag', `"${revision}"`);
  return { ...body, revision: Number(revision), position: position.toString() };
}
