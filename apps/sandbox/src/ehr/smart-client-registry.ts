import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JSONWebKeySet, type JWK } from 'jose';

/** A backend client the sandbox EHR accepts, with the public keys its assertions are signed with. */
export interface SmartClient {
  clientId: string;
  jwks: JSONWebKeySet;
  /** Scopes it may be granted (SMART v1 or v2 `system/...`); all system scopes when absent. */
  allowedScopes?: string[];
}

/** What the launcher needs to act as the demo client: written to a file under the data dir. */
export interface DemoClientFile {
  client_id: string;
  /** ES384 private key (with kid): keep the file private. */
  private_jwk: JWK;
  /** Token endpoint path on the sandbox (prefix the sandbox's base URL). */
  token_path: string;
  scopes: string[];
}

export const DEMO_CLIENT_ID = 'concord-system-api';
export const DEMO_CLIENT_SCOPES = ['system/*.cruds'];
export const DEMO_CLIENT_FILE = 'smart-demo-client.json';

/** Registered clients by id. */
export class SmartClientRegistry {
  private readonly clients = new Map<string, SmartClient>();

  register(client: SmartClient): void {
    this.clients.set(client.clientId, client);
  }

  find(clientId: string): SmartClient | undefined {
    return this.clients.get(clientId);
  }

  get size(): number {
    return this.clients.size;
  }

  /**
   * Registers one client per `<client-id>.jwks.json` file in a folder (a JWK Set of public keys),
   * the way an EHR administrator registers a backend app's JWKS.
   */
  registerDirectory(directory: string): string[] {
    const registered: string[] = [];
    for (const file of readdirSync(directory).filter((name) => name.endsWith('.jwks.json'))) {
      const clientId = file.slice(0, -'.jwks.json'.length);
      let jwks: JSONWebKeySet;
      try {
        jwks = JSON.parse(readFileSync(join(directory, file), 'utf8')) as JSONWebKeySet;
      } catch (error) {
        throw new Error(`SMART client keys ${join(directory, file)} are not JSON`, { cause: error });
      }
      if (!Array.isArray(jwks.keys) || jwks.keys.some((key) => 'd' in key)) {
        throw new Error(`SMART client keys ${join(directory, file)} must be a JWK Set of public keys`);
      }
      this.register({ clientId, jwks });
      registered.push(clientId);
    }
    return registered;
  }

  /**
   * The demo client: an ES384 key pair kept in `<folder>/smart-demo-client.json` (created on first
   * start, mode 0600) so the launcher can configure system-api with it; its public key is registered.
   */
  async registerDemoClient(folder: string): Promise<DemoClientFile> {
    const file = join(folder, DEMO_CLIENT_FILE);
    let demo: DemoClientFile;
    if (existsSync(file)) {
      demo = JSON.parse(readFileSync(file, 'utf8')) as DemoClientFile;
    } else {
      const { privateKey } = await generateKeyPair('ES384', { extractable: true });
      const jwk = await exportJWK(privateKey);
      demo = {
        client_id: DEMO_CLIENT_ID,
        private_jwk: { ...jwk, alg: 'ES384', kid: `demo-${Date.now().toString(36)}` },
        token_path: '/ehr/oauth2/token',
        scopes: DEMO_CLIENT_SCOPES,
      };
      mkdirSync(folder, { recursive: true });
      writeFileSync(file, `${JSON.stringify(demo, null, 2)}\n`, { mode: 0o600 });
    }
    const { d: _private, ...publicJwk } = demo.private_jwk;
    this.register({ clientId: demo.client_id, jwks: { keys: [publicJwk] }, allowedScopes: demo.scopes });
    return demo;
  }
}
