import { describe, expect, it } from 'vitest';
import { SqlDialect } from '../sql-dialect';
import { backoffMs, DEFAULT_RETRY } from './event-subscription';

describe('retry backoff', () => {
  it.each([
    [1, 0, 250],
    [1, 1, 500],
    [3, 0, 1000],
    [3, 1, 2000],
    [20, 1, 60_000],
  ])('attempt %i with random %f waits %i ms (exponential, capped, half of it jitter)', (attempt, random, expected) => {
    expect(backoffMs(DEFAULT_RETRY, attempt, () => random)).toBe(expected);
  });
});

describe('SQL dialect', () => {
  it('numbers placeholders and binds booleans for PostgreSQL, leaves SQLite alone', () => {
    expect(new SqlDialect(true).text('a = ? AND b IN (?, ?)')).toBe('a = $1 AND b IN ($2, $3)');
    expect(new SqlDialect(false).text('a = ?')).toBe('a = ?');
    expect(new SqlDialect(false).bool(true)).toBe(1);
    expect(new SqlDialect(true).bool(false)).toBe(false);
    expect(new SqlDialect(false).rows(2, 3)).toBe('(?, ?, ?), (?, ?, ?)');
  });
});
