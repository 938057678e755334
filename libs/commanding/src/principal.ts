import type { Actor } from './command-context';

export const SCOPES = ['tickets:write', 'accounts:write', 'sla:write', 'read', 'admin', 'privacy:erase'] as const;
export type Scope = (typeof SCOPES)[number];

/** Who is calling: the actor recorded in event metadata comes from here, never from a body. */
export interface Principal {
  actor: Actor;
  scopes: ReadonlySet<Scope>;
  via: 'api_key' | 'jwt';
}

export function hasScope(principal: Principal, scope: Scope): boolean {
  return principal.scopes.has('admin') || principal.scopes.has(scope);
}
