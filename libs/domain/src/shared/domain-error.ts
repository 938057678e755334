/**
 * A typed domain error. `kind` tells the edge how to answer (400 invalid input, 404 unknown id,
 * 409 rule violation); `code` is stable for clients; `details` carries the facts (current status,
 * offending field) a caller needs to react.
 */
export type DomainErrorKind = 'invalid' | 'not_found' | 'conflict';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Input that is well-formed but not acceptable (an unknown time zone); `field` names it. */
export class InvalidInputError extends DomainError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super('invalid', 'validation_failed', `${field}: ${message}`, { errors: [{ field, message }] });
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id: string) {
    super('not_found', `${entity}_not_found`, `${entity.replace(/_/g, ' ')} ${id} does not exist`, { id });
  }
}

export class RuleViolationError extends DomainError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super('conflict', code, message, details);
  }
}

/** Events as the deciders produce them: a type tag and a JSON payload. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

/** Adds common fields to every member of a union, keeping it a union (so `kind` literals narrow). */
export type Each<Common, Union> = Union extends unknown ? Common & Union : never;
