import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiBody, ApiNotFoundResponse, ApiParam, ApiQuery } from '@nestjs/swagger';
import type { TObject, TSchema } from '@sinclair/typebox';
import type { Request } from 'express';
import { Id, problemsOf, TimeZone, validate, validateQuery, validatorOf, type RawQuery } from '@app/validation';
import { ApiError } from './api-error';

/**
 * A request's parts, each validated by its JSON Schema and stated by the same schema in the OpenAPI
 * document (openapi.ts): what the document says is what the API takes. The refusal of a body or a
 * query names its fields (RequestValidationError, a 400); a path parameter that does not fit cannot
 * name anything that exists (404).
 */

/** Request bodies by the name the OpenAPI document gives them (components.schemas), for openapi.ts. */
export const REQUEST_BODIES = new Map<string, TSchema>();

/**
 * A schema as the document shows it: without the wording of its refusals (errorMessage, the
 * validator's), and the time zones, a long list, by reference to the one TimeZone component.
 */
export function documented(schema: unknown, byReference = true): unknown {
  if (schema === TimeZone && byReference) return { $ref: '#/components/schemas/TimeZone' };
  if (Array.isArray(schema)) return schema.map((item) => documented(item));
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key]) => key !== 'errorMessage')
      .map(([key, value]) => [key, documented(value)]),
  );
}

const requestOf = (context: ExecutionContext) => context.switchToHttp().getRequest<Request>();

// Parameter decorators of their own, not Nest's @Body or @Query with a pipe: those would have the
// OpenAPI scan read the parameter's type as a model, where the schema above already states it.
const body = createParamDecorator((schema: TObject, context) => validate(schema, requestOf(context).body));
const query = createParamDecorator((schema: TObject, context) =>
  validateQuery(schema, requestOf(context).query as RawQuery),
);
const path = createParamDecorator(({ name, schema }: { name: string; schema: TSchema }, context) => {
  const value = requestOf(context).params[name] as string;
  if (problemsOf(schema, value).length > 0)
    throw new ApiError(404, 'not_found', `nothing exists under the ${name} '${value.slice(0, 80)}'`);
  return value;
});

/** Applies a method decorator from where a parameter decorator stands. */
function onMethod(decorator: MethodDecorator, target: object, key: string | symbol | undefined): void {
  decorator(target, key as string | symbol, Object.getOwnPropertyDescriptor(target, key as string | symbol)!);
}

/** The JSON body, checked against `schema`; `name` is its schema's name in the OpenAPI document. */
export function ValidBody(schema: TObject, name: string): ParameterDecorator {
  REQUEST_BODIES.set(name, schema);
  validatorOf(schema);
  return (target, key, index) => {
    onMethod(ApiBody({ required: true, schema: { $ref: `#/components/schemas/${name}` } }), target, key);
    body(schema)(target, key, index);
  };
}

/** The query string, checked against the object schema of its parameters (one parameter a property). */
export function ValidQuery(schema: TObject): ParameterDecorator {
  validatorOf(schema);
  return (target, key, index) => {
    for (const [name, property] of Object.entries(schema.properties)) {
      const list = property.type === 'array' ? { style: 'form' as const, explode: false } : {};
      const required = schema.required?.includes(name) ?? false;
      const { description, ...shape } = documented(property) as TSchema;
      onMethod(ApiQuery({ name, required, description, schema: shape, ...list }), target, key);
    }
    query(schema)(target, key, index);
  };
}

/** A path parameter of `schema`; a value outside it names nothing that exists (404, before any read). */
export function PathParam(name: string, schema: TSchema = Id()): ParameterDecorator {
  validatorOf(schema);
  return (target, key, index) => {
    onMethod(ApiParam({ name, required: true, schema: documented(schema) as TSchema }), target, key);
    onMethod(ApiNotFoundResponse({ description: 'Nothing exists under the id (or name) in the path' }), target, key);
    path({ name, schema })(target, key, index);
  };
}
