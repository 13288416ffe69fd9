import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { RequestException, RequestExceptionCode } from './domain.exception';
import type { FieldError, FieldLocation } from './field-error';

/**
 * Nest's ValidationPipe, reporting every invalid field (with where it was sent) as a
 * VALIDATION_FAILED problem instead of a bare list of strings.
 */
export class ProblemValidationPipe extends ValidationPipe {
  constructor() {
    super({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new FieldValidationErrors(errors),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof FieldValidationErrors) {
        const location = locationOf(metadata);
        const fieldErrors = error.errors.flatMap((e) => flatten(e, location, []));
        const names = [...new Set(fieldErrors.map((f) => f.name))].join(', ');
        throw new RequestException(
          RequestExceptionCode.VALIDATION_FAILED,
          `Invalid ${location === 'body' ? 'request body' : `${location} parameters`}: ${names}`,
          fieldErrors,
        );
      }
      throw error;
    }
  }
}

class FieldValidationErrors extends Error {
  constructor(readonly errors: ValidationError[]) {
    super('validation failed');
  }
}

function locationOf(metadata: ArgumentMetadata): FieldLocation {
  switch (metadata.type) {
    case 'body':
      return 'body';
    case 'query':
      return 'query';
    case 'param':
      return 'path';
    case 'custom':
      return 'argument';
  }
}

function flatten(error: ValidationError, location: FieldLocation, parents: string[]): FieldError[] {
  const path = [...parents, error.property];
  const own = Object.values(error.constraints ?? {}).map((detail) => ({
    in: location,
    name: path.join('.'),
    ...(location === 'body' ? { pointer: '/' + path.map(escapePointerSegment).join('/') } : {}),
    detail: detail.replace(/^property (.+) should not exist$/, '$1 is not a known field'),
  }));
  return own.concat((error.children ?? []).flatMap((child) => flatten(child, location, path)));
}

/** RFC 6901: `~` and `/` inside a member name are written `~0` and `~1`. */
function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
