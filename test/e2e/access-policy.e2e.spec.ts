import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_ROUTE, REQUIRED_SCOPES } from '@concord/platform';
import { type Stack, startStack } from '../support/stack';

const ROUTE_PATH = 'path';
const RESOLVER_TYPE = 'graphql:resolver_type';

/** Every route handler and resolver of an app, with the access policy it declares. */
function operationsOf(app: NestFastifyApplication): { name: string; policy: 'public' | string[] | undefined }[] {
  const scanner = new MetadataScanner();
  const operations: { name: string; policy: 'public' | string[] | undefined }[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    const candidates = [
      ...[...module.controllers.values()].map((w) => ({ w, controller: true })),
      ...[...module.providers.values()].map((w) => ({ w, controller: false })),
    ];
    for (const { w: wrapper, controller } of candidates) {
      const instance = wrapper.instance as object | undefined;
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!instance || typeof instance !== 'object' || !type) continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, object>;
      for (const method of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[method];
        const isRoute = controller && Reflect.getMetadata(ROUTE_PATH, handler) !== undefined;
        const isResolver = Reflect.getMetadata(RESOLVER_TYPE, handler) !== undefined;
        if (!isRoute && !isResolver) continue;
        const isPublic = Reflect.getMetadata(PUBLIC_ROUTE, handler) ?? Reflect.getMetadata(PUBLIC_ROUTE, type);
        const scopes = (Reflect.getMetadata(REQUIRED_SCOPES, handler) ?? Reflect.getMetadata(REQUIRED_SCOPES, type)) as
          string[] | undefined;
        operations.push({ name: `${type.name}.${method}`, policy: isPublic ? 'public' : scopes });
      }
    }
  }
  return operations;
}

describe('access policy on every route and resolver', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('declares scopes (or @Public) on every operation of every layer', () => {
    for (const app of [stack.systemApi, stack.processApi, stack.experienceApi]) {
      const operations = operationsOf(app);
      expect(operations.length).toBeGreaterThan(3);
      const unguarded = operations.filter((o) => o.policy === undefined || (Array.isArray(o.policy) && o.policy.length === 0));
      expect(unguarded.map((o) => o.name)).toEqual([]);
    }
  });

  it('keeps the public surface to probes, metrics, discovery documents and the token endpoint', () => {
    const publicOperations = [stack.systemApi, stack.processApi, stack.experienceApi].flatMap((app) =>
      operationsOf(app)
        .filter((o) => o.policy === 'public')
        .map((o) => o.name),
    );
    expect([...new Set(publicOperations)].sort()).toEqual([
      'HealthController.live',
      'HealthController.ready',
      'MetricsController.scrape',
      'TokenController.token',
      'VersionsController.list',
      'WellKnownController.jwks',
      'WellKnownController.smartConfiguration',
    ]);
  });

  it('covers the GraphQL resolvers too', () => {
    const names = operationsOf(stack.experienceApi).map((o) => o.name);
    expect(names).toContain('PatientResolver.patient');
  });
});
