import { Type } from '@sinclair/typebox';
import { Id } from '@app/validation';

/** The id a create may choose for what it creates (`what`: "a ticket id"); a UUID is generated when left out. */
export const CreatedId = (what: string) =>
  Type.Optional(Id(what, { description: `The id to create it under (${what}); a UUID is generated when left out.` }));
