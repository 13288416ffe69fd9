import type { ValueTransformer } from 'typeorm';

/** Money columns are bigint cents; PostgreSQL hands bigints back as strings, so they are read as numbers here. */
export const CENTS: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};
