import { readFile } from 'node:fs/promises';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { APP_LOGGER, type AppLogger, parseScope } from '@concord/platform';
import { SystemApiConfig } from '../system-api.config';
import { hashClientSecret, newClientSecret, verifyClientSecret } from './client-secret';
import { OAuthClientEntity } from './entities/oauth-client.entity';
import { ClientRegistryException, ClientRegistryExceptionCode } from './client-registry.exception';

export const SLA_TIERS = ['platinum', 'gold', 'silver', 'bronze'] as const;
export type SlaTier = (typeof SLA_TIERS)[number];

/** One entry of the seed file (config/demo-clients.json). */
export interface ClientSeed {
  clientId: string;
  name: string;
  secret?: string;
  jwks?: { keys: object[] };
  scopes: string[];
  tier: SlaTier;
  patientId?: string;
  mayDelegate?: boolean;
  contact?: string;
}

export interface NewClient {
  clientId: string;
  name: string;
  scopes: string[];
  tier: SlaTier;
  patientId?: string;
  contact?: string;
  jwks?: { keys: object[] };
}

/** The clients of the built-in authorization server: seeded on first start, then managed by operators. */
@Injectable()
export class ClientRegistry implements OnModuleInit {
  constructor(
    @InjectRepository(OAuthClientEntity) private readonly clients: Repository<OAuthClientEntity>,
    private readonly config: SystemApiConfig,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  async onModuleInit(): Promise<void> {
    if ((await this.clients.count()) > 0) return;
    let seeds: ClientSeed[];
    try {
      seeds = JSON.parse(await readFile(this.config.AUTH_CLIENTS_FILE, 'utf8')) as ClientSeed[];
    } catch (error) {
      this.logger.warn({ file: this.config.AUTH_CLIENTS_FILE, err: error }, 'no client seed file; the registry starts empty');
      return;
    }
    for (const seed of seeds) await this.insert(seed, seed.secret);
    this.logger.info({ clients: seeds.map((s) => s.clientId) }, 'client registry seeded');
  }

  find(clientId: string): Promise<OAuthClientEntity | null> {
    return this.clients.findOneBy({ clientId });
  }

  list(): Promise<OAuthClientEntity[]> {
    return this.clients.find({ order: { clientId: 'ASC' } });
  }

  /** The active client with this id and secret, or undefined (never says which part was wrong). */
  async authenticate(clientId: string, secret: string): Promise<OAuthClientEntity | undefined> {
    const client = await this.find(clientId);
    if (!client || client.status !== 'active' || !client.secretHash) return undefined;
    return (await verifyClientSecret(secret, client.secretHash)) ? client : undefined;
  }

  /** Registers a client and returns it with its one-time secret. */
  async create(input: NewClient): Promise<{ client: OAuthClientEntity; secret: string }> {
    if (await this.find(input.clientId))
      throw new ClientRegistryException(ClientRegistryExceptionCode.CLIENT_EXISTS, `Client "${input.clientId}" already exists`);
    const secret = newClientSecret();
    const client = await this.insert({ ...input, mayDelegate: false }, secret);
    return { client, secret };
  }

  async rotateSecret(clientId: string): Promise<{ client: OAuthClientEntity; secret: string }> {
    const client = await this.activeClient(clientId);
    const secret = newClientSecret();
    client.secretHash = await hashClientSecret(secret);
    client.secretRotatedAt = new Date().toISOString();
    await this.clients.save(client);
    return { client, secret };
  }

  /** Stops new tokens at once; tokens already issued expire within their short lifetime. */
  async revoke(clientId: string): Promise<OAuthClientEntity> {
    const client = await this.activeClient(clientId);
    client.status = 'revoked';
    await this.clients.save(client);
    return client;
  }

  private async activeClient(clientId: string): Promise<OAuthClientEntity> {
    const client = await this.find(clientId);
    if (!client) throw new ClientRegistryException(ClientRegistryExceptionCode.CLIENT_NOT_FOUND, `No client "${clientId}"`);
    if (client.status !== 'active')
      throw new ClientRegistryException(ClientRegistryExceptionCode.CLIENT_REVOKED, `Client "${clientId}" is revoked`);
    return client;
  }

  private async insert(seed: Omit<ClientSeed, 'secret'>, secret: string | undefined): Promise<OAuthClientEntity> {
    const invalid = seed.scopes.filter((scope) => !parseScope(scope));
    if (invalid.length)
      throw new ClientRegistryException(ClientRegistryExceptionCode.INVALID_SCOPE, `Not valid scopes: ${invalid.join(' ')}`);
    const client = this.clients.create({
      clientId: seed.clientId,
      name: seed.name,
      secretHash: secret ? await hashClientSecret(secret) : null,
      jwks: seed.jwks ? JSON.stringify(seed.jwks) : null,
      allowedScopes: seed.scopes.join(' '),
      tier: seed.tier,
      patientId: seed.patientId ?? null,
      mayDelegate: seed.mayDelegate ?? false,
      contact: seed.contact ?? null,
      status: 'active',
      createdAt: new Date().toISOString(),
      secretRotatedAt: null,
    });
    await this.clients.insert(client);
    return client;
  }
}
