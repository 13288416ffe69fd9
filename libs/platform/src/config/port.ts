import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';

/** A TCP port from the environment (0 lets the OS choose, which tests use). */
export function IsPort(): PropertyDecorator {
  return applyDecorators(
    Type(() => Number),
    IsInt(),
    Min(0),
    Max(65535),
  );
}

/** An absolute http(s) URL without a trailing slash (a layer or core-system base URL). */
export function IsHttpUrl(): PropertyDecorator {
  return applyDecorators(
    Matches(/^https?:\/\/[^\s/]+(\/[^\s]*[^\s/])?$/, {
      message: ({ property }) => `${property} must be an http(s) URL without a trailing slash`,
    }),
  );
}
