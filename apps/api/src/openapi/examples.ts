import examples from './examples.json';

/**
 * Real requests and answers of the API, recorded by test/api/openapi.e2e-spec.ts (a support day run
 * through the typed client; UPDATE_OPENAPI_EXAMPLES=1 records them again), by operation id: the
 * request body under `request`, each answer under its status. The document shows them as examples.
 */
export type Examples = Record<string, Record<string, unknown>>;
export const EXAMPLES: Examples = examples;
