// The few parts of SAP CAP's API the test server uses. @sap/cds 9 ships no type declarations
// (they live in @cap-js/cds-types, not installed); these keep the test server type-checked.
declare module '@sap/cds' {
  export type Row = Record<string, unknown>;
  export type Csn = { definitions: Record<string, Record<string, unknown>> };

  export interface Query {
    where(condition: Row | string, ...values: unknown[]): Query;
    columns(...columns: string[]): Query;
    orderBy(...columns: string[]): Query;
    set(values: Row): Query;
    entries(...rows: Row[]): Query;
  }

  export interface Request {
    event: string;
    data: Row;
    params: (Row | string)[];
    headers: Record<string, string | undefined>;
    reject(error: { status: number; code?: string; message: string; target?: string; details?: unknown[] }): never;
    reject(status: number, message?: string): never;
  }

  export type Handler = (request: Request) => unknown;

  export interface Service {
    name: string;
    before(event: string | string[], entity: string | string[], handler: Handler): this;
    on(event: string | string[], entity: string | string[], handler: Handler): this;
    on(event: string | string[], handler: Handler): this;
  }

  export interface DatabaseService {
    run(query: Query): Promise<unknown>;
    disconnect(): Promise<void>;
  }

  interface Cds {
    model: Csn | undefined;
    db: DatabaseService | undefined;
    services: Record<string, unknown>;
    env: {
      features: Record<string, unknown>;
      requires: Record<string, unknown>;
      log: { levels: Record<string, string> };
    };
    load(files: string | string[]): Promise<Csn>;
    compile: { for: { nodejs(csn: Csn): Csn } };
    connect: { to(name: 'db'): Promise<DatabaseService> };
    deploy(model: Csn): { to(db: DatabaseService): Promise<unknown> };
    serve(which: 'all'): { with(implementation: (service: Service) => void): { in(app: unknown): Promise<unknown> } };
    ql: {
      SELECT: { from(entity: string): Query; one: { from(entity: string): Query } };
      INSERT: { into(entity: string): Query };
      UPDATE: { (entity: string): Query; entity(entity: string): Query };
      DELETE: { from(entity: string): Query };
    };
    utils: { uuid(): string };
    run(query: Query): Promise<unknown>;
  }

  const cds: Cds;
  export default cds;
}
