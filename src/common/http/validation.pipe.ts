import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { RequestValidationError, type FieldError } from '../errors/domain-error.js';

function flatten(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own: FieldError[] = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Dotted paths of every value in `value` (a parsed body or query) for which `isBad` holds. */
export function fieldsWhere(value: unknown, isBad: (leaf: unknown) => boolean, path = ''): string[] {
  if (isBad(value)) return [path || 'body'];
  if (Array.isArray(value)) return value.flatMap((item) => fieldsWhere(item, isBad, path));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => fieldsWhere(item, isBad, path ? `${path}.${key}` : key));
  }
  return [];
}

const hasNul = (leaf: unknown): boolean => typeof leaf === 'string' && leaf.includes('\u0000');

/**
 * Rejects what no endpoint accepts, before class-validator runs: NUL characters (PostgreSQL cannot
 * store them) and nulls (an optional field is left out, never sent as null; a null would
 * otherwise slip past @IsOptional and overwrite a required column).
 */
class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const errors = [
        ...fieldsWhere(value, hasNul).map((field) => ({
          field,
          messages: [`${field} must not contain NUL characters`],
        })),
        ...(value === null || value === undefined
          ? []
          : fieldsWhere(value, (leaf) => leaf === null).map((field) => ({
              field,
              messages: [`${field} must not be null; leave it out instead`],
            }))),
      ];
      if (errors.length > 0) throw new RequestValidationError(errors);
    }
    return super.transform(value, metadata);
  }
}

/** The one global validation pipe: unknown fields and wrong types are 400s that name each field. */
export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(flatten(errors)),
  });
}
