import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ErpException, ErpExceptionCode } from '../erp.exception';

export const DEFAULT_PAGE_SIZE = 50;
const CURSOR = /^[A-Za-z0-9_-]{1,200}$/;

/** `cursor` and `limit` of a paged list. */
export class PageQuery {
  @ApiPropertyOptional({ description: 'Page size', minimum: 1, maximum: 200, default: DEFAULT_PAGE_SIZE, example: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ maxLength: 200, pattern: CURSOR.source, description: 'Opaque cursor from the previous page’s `nextCursor`' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(CURSOR, { message: 'cursor is not one this API issued' })
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/**
 * One page of a list the core system returns whole (its master data, its open documents). The cursor
 * carries the offset and the filter it was issued for, so it cannot be replayed against another list.
 */
export function pageOf<T>(all: readonly T[], query: PageQuery, filter = ''): Page<T> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  let offset = 0;
  if (query.cursor !== undefined) {
    const decoded = decodeCursor(query.cursor);
    if (!decoded || decoded.f !== filter || decoded.o > all.length) {
      throw new ErpException(ErpExceptionCode.INVALID_CURSOR, 'cursor is not one this API issued for this list', [
        { in: 'query', name: 'cursor', detail: 'cursor is not one this API issued for this list' },
      ]);
    }
    offset = decoded.o;
  }
  const items = all.slice(offset, offset + limit);
  const next = offset + items.length;
  return next < all.length
    ? { items, nextCursor: Buffer.from(JSON.stringify({ o: next, f: filter }), 'utf8').toString('base64url') }
    : { items };
}

function decodeCursor(cursor: string): { o: number; f: string } | undefined {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (typeof value !== 'object' || value === null) return undefined;
    const { o, f } = value as { o?: unknown; f?: unknown };
    return Number.isSafeInteger(o) && (o as number) >= 0 && typeof f === 'string' ? { o: o as number, f } : undefined;
  } catch {
    return undefined;
  }
}
