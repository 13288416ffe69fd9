import { type Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { GraphqlInputException } from './graphql-input.exception';

/** Largest page a client may ask for; the cost limit counts lists at this size when `first` is absent. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ObjectType({ description: 'Relay page information' })
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `Page size, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE})` })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first?: number;

  @Field(() => String, { nullable: true, description: 'Cursor of the edge to continue after (endCursor of the previous page)' })
  @IsOptional()
  @IsString()
  @MaxLength(400)
  after?: string;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number | null;
}

/** A Relay connection type named `<Name>Connection` with its `<Name>Edge`. */
export function ConnectionType<T>(node: Type<T>, name: string): Type<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} (Relay cursor connection)` })
  class ConnectionClass {
    @Field(() => [EdgeType])
    edges!: Edge<T>[];

    @Field(() => [node], { description: 'The nodes of the edges, for clients that need no cursors' })
    nodes!: T[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { nullable: true, description: 'Total across all pages, when the source knows it' })
    totalCount!: number | null;
  }
  return ConnectionClass;
}

/**
 * A position in a list: the upstream page cursor (`c`, absent for the first page or in-memory lists)
 * and how many items of that page were already seen (`s`). Opaque to clients.
 */
interface Position {
  c?: string;
  s: number;
}

export function encodePosition(position: Position): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

export function decodePosition(cursor: string | undefined): Position {
  if (cursor === undefined) return { s: 0 };
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<Position>;
    if (
      typeof value.s === 'number' &&
      Number.isSafeInteger(value.s) &&
      value.s >= 0 &&
      (value.c === undefined || typeof value.c === 'string')
    )
      return value.c === undefined ? { s: value.s } : { c: value.c, s: value.s };
  } catch {
    // falls through to the refusal
  }
  throw new GraphqlInputException('after', 'after is not a cursor this API issued');
}

/** A page of a list held in memory, cursors being offsets. */
export function connectionFromArray<T>(items: readonly T[], args: ConnectionArgs): Connection<T> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  const { c, s: offset } = decodePosition(args.after);
  if (c !== undefined) throw new GraphqlInputException('after', 'after is not a cursor of this list');
  const page = items.slice(offset, offset + first);
  const edges = page.map((node, index) => ({ node, cursor: encodePosition({ s: offset + index + 1 }) }));
  return build(edges, offset + first < items.length, offset > 0, items.length);
}

/** One upstream page: its items, the cursor of the next page, and the total when the source reports it. */
export interface UpstreamPage<T> {
  items: T[];
  nextCursor?: string;
  total?: number;
}

/**
 * A page of an upstream list paged with opaque cursors. Each edge's cursor names the upstream page it
 * came from and how far into it, so `after` resumes exactly there with one upstream call.
 */
export async function connectionFromUpstream<T>(
  args: ConnectionArgs,
  fetchPage: (cursor: string | undefined, limit: number) => Promise<UpstreamPage<T>>,
): Promise<Connection<T>> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  const { c, s: skip } = decodePosition(args.after);
  const upstream = await fetchPage(c, Math.min(MAX_PAGE_SIZE, skip + first));
  const page = upstream.items.slice(skip, skip + first);
  const edges = page.map((node, index) => {
    const seen = skip + index + 1;
    // The last item of an upstream page resumes at the next upstream page.
    const cursor =
      seen === upstream.items.length && upstream.nextCursor !== undefined
        ? encodePosition({ c: upstream.nextCursor, s: 0 })
        : encodePosition(c === undefined ? { s: seen } : { c, s: seen });
    return { node, cursor };
  });
  const hasNextPage = skip + first < upstream.items.length || upstream.nextCursor !== undefined;
  return build(edges, hasNextPage, c !== undefined || skip > 0, upstream.total ?? null);
}

function build<T>(edges: Edge<T>[], hasNextPage: boolean, hasPreviousPage: boolean, totalCount: number | null): Connection<T> {
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  };
}
