import { ODataClient, type ODataSessionOptions } from '../../../libs/connectors/src/odata';
import type { S4ServiceName } from '../../../libs/connectors/src/odata/s4hana/s4-services';
import type { S4ODataServer } from './s4-odata.server';

/** One client per API of the server, all sharing one session (credentials, cookies, CSRF token, limits). */
export function s4Clients(server: S4ODataServer, options: Partial<ODataSessionOptions> = {}): Record<S4ServiceName, ODataClient> {
  const names = Object.keys(server.services) as S4ServiceName[];
  const first = new ODataClient({ serviceRoot: server.services[names[0]], timeoutMs: 10_000, ...options });
  return Object.fromEntries(names.map((name) => [name, first.forService(server.services[name])])) as Record<S4ServiceName, ODataClient>;
}
