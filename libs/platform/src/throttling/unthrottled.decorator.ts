import { SetMetadata } from '@nestjs/common';

export const UNTHROTTLED = Symbol('concord:unthrottled');

/** Never rate-limited: liveness, readiness and metrics probes must always answer. */
export const Unthrottled = (): ClassDecorator & MethodDecorator => SetMetadata(UNTHROTTLED, true);
