import { createHash } from 'node:crypto';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
} from 'graphql';
import type { GraphqlContext } from './request-loaders';
import { queryCost } from './query-cost';

/** An Apollo Server plugin, typed as the Nest driver takes it. */
type Plugin = NonNullable<ApolloDriverConfig['plugins']>[number];

/** What the plugins read of Apollo's request context once the operation is resolved. */
interface ResolvedOperation {
  document?: DocumentNode;
  operation?: OperationDefinitionNode;
  schema: GraphQLSchema;
  queryHash?: string;
  request: { variables?: Record<string, unknown> };
  contextValue: GraphqlContext;
}

/** The request as guards see it: the throttle charges `graphqlCost` when it is set. */
type CostedRequest = GraphqlContext['req'] & { graphqlCost?: number };

/**
 * Refuses an operation whose cost (see `queryCost`) is above `maxCost`, before any resolver runs,
 * naming the limit; under it, records the cost so the SLA-tier throttle charges that much.
 */
export function costLimitPlugin(maxCost: number, defaultPageSize: number, costPerRateUnit = 1): Plugin {
  const check = (context: ResolvedOperation): void => {
    const { document, operation, schema } = context;
    if (!document || !operation) return;
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const definition of document.definitions)
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    const cost = queryCost(schema, operation, fragments, context.request.variables, { defaultPageSize });
    if (cost > maxCost) {
      throw new GraphQLError(
        `Query costs ${cost} units; the limit is ${maxCost} (GRAPHQL_MAX_COST). Ask for smaller pages (first) or fewer fields.`,
        { extensions: { code: 'QUERY_TOO_COSTLY', cost, limit: maxCost, http: { status: 400 } } },
      );
    }
    (context.contextValue.req as CostedRequest).graphqlCost = throttleUnitsFor(cost, costPerRateUnit);
  };
  return {
    requestDidStart: () =>
      Promise.resolve({
        // A throw here is answered by Apollo as a request error, before execution.
        didResolveOperation: (context: ResolvedOperation) => {
          check(context);
          return Promise.resolve();
        },
      }),
  };
}

/** Throttle units an operation of this cost is charged: its cost per rate unit, rounded up, at least one. */
export function throttleUnitsFor(cost: number, costPerRateUnit: number): number {
  return Math.max(1, Math.ceil(cost / costPerRateUnit));
}

/** SHA-256 hex of an operation's text, as APQ clients send it. */
export function operationHash(query: string): string {
  return createHash('sha256').update(query).digest('hex');
}

/** The registered operations of allow-list mode, by hash. */
export class OperationAllowList {
  private readonly byHash = new Map<string, string>();

  constructor(queries: readonly string[]) {
    for (const query of queries) this.byHash.set(operationHash(query), query);
  }

  get size(): number {
    return this.byHash.size;
  }

  has(hash: string): boolean {
    return this.byHash.has(hash);
  }

  /** An APQ cache that knows exactly the registered operations and learns nothing new. */
  asPersistedQueryCache() {
    return {
      get: (key: string) => Promise.resolve(this.byHash.get(key.replace(/^apq:/, ''))),
      set: () => Promise.resolve(),
      delete: () => Promise.resolve(true),
    };
  }
}

/** Allow-list mode: only registered operations run, whether sent in full or by their APQ hash. */
export function allowListPlugin(allowList: OperationAllowList): Plugin {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: (context: ResolvedOperation) => {
          if (!context.queryHash || !allowList.has(context.queryHash))
            throw new GraphQLError('This operation is not registered; in allow-list mode only registered operations run', {
              extensions: { code: 'OPERATION_NOT_ALLOWED', http: { status: 400 } },
            });
          return Promise.resolve();
        },
      }),
  };
}
