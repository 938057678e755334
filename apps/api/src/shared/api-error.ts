import type { FieldError } from '@app/validation';

/** An error answer of the API (docs/design.md §8): `{ code, message, details }` with its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  static validation(errors: FieldError[]): ApiError {
    return new ApiError(
      400,
      'validation_failed',
      errors.map((error) => `${error.field}: ${error.message}`).join('; '),
      { errors },
    );
  }
}
