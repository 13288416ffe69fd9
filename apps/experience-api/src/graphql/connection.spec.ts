import { describe, expect, it } from 'vitest';
import { connectionFromArray, connectionFromUpstream, type UpstreamPage } from './connection';
import { GraphqlInputException } from './graphql-input.exception';

/** An upstream list of `size` numbers paged with opaque cursors, recording the calls it answered. */
function upstream(size: number) {
  const calls: { cursor?: string; limit: number }[] = [];
  const fetchPage = async (cursor: string | undefined, limit: number): Promise<UpstreamPage<number>> => {
    calls.push({ cursor, limit });
    const offset = cursor ? Number(cursor.slice(1)) : 0;
    const items = Array.from({ length: Math.max(0, Math.min(limit, size - offset)) }, (_, i) => offset + i);
    return { items, ...(offset + limit < size ? { nextCursor: `o${offset + limit}` } : {}), total: size };
  };
  return { calls, fetchPage };
}

describe('connectionFromArray', () => {
  it('pages by offset cursors and resumes after endCursor', () => {
    const items = Array.from({ length: 5 }, (_, i) => i);
    const first = connectionFromArray(items, { first: 2 });
    expect(first.nodes).toEqual([0, 1]);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = connectionFromArray(items, { first: 2, after: first.pageInfo.endCursor! });
    expect(second.nodes).toEqual([2, 3]);
    const last = connectionFromArray(items, { first: 2, after: second.pageInfo.endCursor! });
    expect(last).toMatchObject({ nodes: [4], totalCount: 5, pageInfo: { hasNextPage: false, hasPreviousPage: true } });
  });

  it('refuses a cursor it did not issue as a named argument error', () => {
    expect(() => connectionFromArray([1], { after: 'garbage' })).toThrow(GraphqlInputException);
  });
});

describe('connectionFromUpstream', () => {
  it('walks an upstream list page by page, one call each, without gaps or repeats', async () => {
    const source = upstream(7);
    const seen: number[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await connectionFromUpstream({ first: 3, after }, source.fetchPage);
      seen.push(...page.nodes);
      expect(page.totalCount).toBe(7);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor! : undefined;
      pages++;
    } while (after);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(pages).toBe(3);
    expect(source.calls).toHaveLength(3);
  });

  it('resumes from a cursor in the middle of an upstream page', async () => {
    const source = upstream(10);
    const first = await connectionFromUpstream({ first: 4 }, source.fetchPage);
    const middle = first.edges[1].cursor;
    const resumed = await connectionFromUpstream({ first: 3, after: middle }, source.fetchPage);
    expect(resumed.nodes).toEqual([2, 3, 4]);
  });
});
