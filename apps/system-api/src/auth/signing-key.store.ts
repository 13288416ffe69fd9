import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createLocalJWKSet, errors, exportJWK, generateKeyPair, importJWK, type JSONWebKeySet, type JWK, type JWTVerifyGetKey } from 'jose';
import type { Repository } from 'typeorm';
import { TokenKeyRing } from '@concord/platform';
import { SigningKeyEntity } from './entities/signing-key.entity';

export const SIGNING_ALGORITHM = 'ES256';
/** Retired keys stay published this long: longer than any token they signed can live. */
const RETIRED_KEY_GRACE_MS = 60 * 60 * 1000;

export interface ActiveSigningKey {
  kid: string;
  alg: string;
  key: Awaited<ReturnType<typeof importJWK>>;
}

/** Generates and persists signing keys on first start, rotates them, and publishes the JWKS. */
@Injectable()
export class SigningKeyStore implements OnModuleInit {
  private active?: ActiveSigningKey;
  private localKeys: JWTVerifyGetKey = createLocalJWKSet({ keys: [] });
  private reloadedAt = 0;

  constructor(
    @InjectRepository(SigningKeyEntity) private readonly keys: Repository<SigningKeyEntity>,
    private readonly keyRing: TokenKeyRing,
  ) {}

  async onModuleInit(): Promise<void> {
    const active = await this.keys.createQueryBuilder('k').where('k.retired_at IS NULL').getCount();
    if (active === 0) await this.generate();
    await this.reload();
    this.keyRing.useLocalKeys(async (header, token) => {
      try {
        return await this.localKeys(header, token);
      } catch (error) {
        // Another instance may have rotated: look again in the database once before refusing.
        if (!(error instanceof errors.JWKSNoMatchingKey) || Date.now() - this.reloadedAt < 1_000) throw error;
        await this.reload();
        return this.localKeys(header, token);
      }
    });
  }

  signingKey(): ActiveSigningKey {
    if (!this.active) throw new Error('signing keys are not loaded');
    return this.active;
  }

  async jwks(): Promise<JSONWebKeySet> {
    const cutoff = new Date(Date.now() - RETIRED_KEY_GRACE_MS).toISOString();
    const all = await this.keys.find({ order: { createdAt: 'DESC' } });
    return { keys: all.filter((k) => !k.retiredAt || k.retiredAt > cutoff).map((k) => JSON.parse(k.publicJwk) as JWK) };
  }

  /** Makes a new key the signer; the old one keeps verifying the tokens it already signed. */
  async rotate(): Promise<{ kid: string }> {
    const now = new Date().toISOString();
    await this.keys.createQueryBuilder().update().set({ retiredAt: now }).where('retired_at IS NULL').execute();
    const kid = await this.generate();
    await this.reload();
    return { kid };
  }

  private async generate(): Promise<string> {
    const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
    const kid = randomUUID();
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALGORITHM, use: 'sig' };
    const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: SIGNING_ALGORITHM };
    await this.keys.insert({
      kid,
      alg: SIGNING_ALGORITHM,
      privateJwk: JSON.stringify(privateJwk),
      publicJwk: JSON.stringify(publicJwk),
      createdAt: new Date().toISOString(),
      retiredAt: null,
    });
    return kid;
  }

  private async reload(): Promise<void> {
    const newest = await this.keys.createQueryBuilder('k').where('k.retired_at IS NULL').orderBy('k.created_at', 'DESC').getOneOrFail();
    this.active = { kid: newest.kid, alg: newest.alg, key: await importJWK(JSON.parse(newest.privateJwk) as JWK, newest.alg) };
    this.localKeys = createLocalJWKSet(await this.jwks());
    this.reloadedAt = Date.now();
  }
}
