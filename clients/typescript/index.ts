import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './schema';

export type { components, operations, paths } from './schema';
export type SupportOpsClient = Client<paths>;

/**
 * A client of the Support Ops API for internal services: every path, parameter, request body and
 * answer is typed from the API's OpenAPI document (schema.d.ts), so a call the API would refuse
 * does not compile. Errors come back as `{ error }` with the API's error body.
 */
export function createSupportOpsClient(
  baseUrl: string,
  token: string,
  init: { fetch?: typeof fetch } = {},
): SupportOpsClient {
  return createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${token}` }, fetch: init.fetch });
}
