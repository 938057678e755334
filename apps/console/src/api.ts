import {
  createSupportOpsClient,
  type components,
  type paths,
  type SupportOpsClient,
} from '../../../clients/typescript';

export type Schemas = components['schemas'];
export type ProjectionName = paths['/v1/admin/projections/{name}/rebuild']['post']['parameters']['path']['name'];

/** The key lives for the tab only (sessionStorage): closing the tab forgets it, a reload keeps it. */
const KEY_ITEM = 'support-ops.console.key';

export const storedKey = (): string | null => sessionStorage.getItem(KEY_ITEM);
export const storeKey = (key: string): void => sessionStorage.setItem(KEY_ITEM, key);
export const forgetKey = (): void => sessionStorage.removeItem(KEY_ITEM);

/** An answer the console could not use, with what the API said (its `code` and `message`). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  /** The key itself was refused: the console asks for another one. */
  get refusesKey(): boolean {
    return this.status === 401;
  }
}

let client: SupportOpsClient | undefined;
let keyRefused: (failure: ApiFailure) => void = () => undefined;

/** Calls go to this origin's API with `key`; a refusal of it (401) goes to `onRefused`. */
export function connect(key: string, onRefused: (failure: ApiFailure) => void): void {
  client = createSupportOpsClient(location.origin, key);
  keyRefused = onRefused;
}

export function api(): SupportOpsClient {
  if (!client) throw new ApiFailure(401, 'no_key', 'enter an API key or JWT first');
  return client;
}

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of an answer, or an ApiFailure naming the API's code and message (a refused key signs out). */
export async function answered<T>(call: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch (error) {
    throw new ApiFailure(0, 'unreachable', `the API did not answer (${(error as Error).message}); is it running?`);
  }
  if (answer.data !== undefined && answer.response.ok) return answer.data;
  const body = (answer.error ?? {}) as Partial<Schemas['ErrorResponse']>;
  const failure = new ApiFailure(
    answer.response.status,
    body.code ?? `http_${answer.response.status}`,
    body.message ?? answer.response.statusText,
  );
  if (failure.refusesKey) keyRefused(failure);
  throw failure;
}
