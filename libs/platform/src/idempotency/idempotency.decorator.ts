import { SetMetadata } from '@nestjs/common';

export const IDEMPOTENCY_KEY_REQUIRED = Symbol('concord:idempotency-key-required');

/** This POST or PATCH refuses to run without an Idempotency-Key (money, claims, credentials). */
export const IdempotencyKeyRequired = (): MethodDecorator => SetMetadata(IDEMPOTENCY_KEY_REQUIRED, true);
