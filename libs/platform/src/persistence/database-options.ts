import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource, type DataSourceOptions, type MixedList } from 'typeorm';
import type { BaseConfig } from '../config/base.config';

export interface AppPersistence {
  /** App name; names the SQLite file and the default PostgreSQL schema. */
  app: string;
  entities: MixedList<Function>;
  migrations: MixedList<Function>;
}

export function schemaNameOf(config: BaseConfig, app: string): string {
  return config.DATABASE_SCHEMA ?? app.replace(/-/g, '_');
}

/**
 * TypeORM options for the embedded profile (one SQLite file per app, WAL) or the scale-out profile
 * (PostgreSQL, one schema per app). Migrations run at start; `synchronize` is never used.
 */
export function databaseOptions(config: BaseConfig, persistence: AppPersistence): DataSourceOptions {
  const common = {
    entities: persistence.entities,
    migrations: persistence.migrations,
    migrationsRun: true,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: false,
  };
  if (config.DATABASE_URL) {
    const schema = schemaNameOf(config, persistence.app);
    return {
      ...common,
      type: 'postgres',
      url: config.DATABASE_URL,
      schema,
      applicationName: `concord-${persistence.app}`,
      // Unqualified names (including TypeORM's migrations table) resolve inside the app's own schema.
      extra: { options: `-c search_path=${schema}`, max: 10 },
    };
  }
  const directory = resolve(config.DATA_DIR);
  mkdirSync(directory, { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: join(directory, `${persistence.app}.sqlite`),
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
    },
  };
}

/**
 * Creates the app's PostgreSQL schema when missing (TypeORM does not), then opens and migrates.
 * On PostgreSQL the migrations run under an advisory lock, so instances starting together do not
 * race to create the same tables.
 */
export async function openDataSource(options: DataSourceOptions): Promise<DataSource> {
  if (options.type !== 'postgres' || !options.schema) return new DataSource(options).initialize();
  const client = new Client({ connectionString: options.url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
  } catch (error) {
    // Two instances creating the schema at once: the loser sees a unique violation; the schema exists.
    if (!(error instanceof Error && 'code' in error && (error as { code?: string }).code === '23505')) throw error;
  } finally {
    await client.end();
  }
  const dataSource = await new DataSource({ ...options, migrationsRun: false }).initialize();
  if (options.migrationsRun === false) return dataSource;
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [`concord-migrations:${options.schema}`]);
    await dataSource.runMigrations({ transaction: options.migrationsTransactionMode ?? 'each' });
  } finally {
    await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [`concord-migrations:${options.schema}`]).catch(() => undefined);
    await lock.release();
  }
  return dataSource;
}
