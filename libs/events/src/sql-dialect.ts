/**
 * Raw SQL for the backbone's hot paths (inbox, outbox), written once for SQLite and PostgreSQL:
 * `?` placeholders become `$1…` on PostgreSQL, and booleans bind as 1/0 on SQLite. The query
 * builder's per-statement cost was most of the CPU per event; these statements are plain.
 */
export class SqlDialect {
  constructor(readonly postgres: boolean) {}

  text(query: string): string {
    if (!this.postgres) return query;
    let index = 0;
    return query.replace(/\?/g, () => `$${++index}`);
  }

  bool(value: boolean): boolean | number {
    return this.postgres ? value : value ? 1 : 0;
  }

  /** `(?, ?, ?), (?, ?, ?)` for a multi-row VALUES list. */
  rows(count: number, width: number): string {
    const row = `(${Array.from({ length: width }, () => '?').join(', ')})`;
    return Array.from({ length: count }, () => row).join(', ');
  }

  /** `?, ?, ?` for an IN list. */
  list(count: number): string {
    return Array.from({ length: count }, () => '?').join(', ');
  }
}
