import { Param, ParseUUIDPipe } from '@nestjs/common';
import { RequestValidationError } from '../errors/domain-error.js';

/** A path parameter that must be a UUID: anything else is a 400 naming it, never a database error. */
export const UuidParam = (name: string): ParameterDecorator =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => new RequestValidationError([{ field: name, messages: [`${name} must be a UUID`] }]),
    }),
  );
