import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ClientStatus = 'active' | 'revoked';

/** A registered API client of the built-in authorization server. */
@Entity({ name: 'oauth_client' })
export class OAuthClientEntity {
  @PrimaryColumn({ name: 'client_id', type: 'varchar', length: 100 })
  clientId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** `scrypt$<salt>$<hash>` (base64url); null for clients that authenticate with private_key_jwt only. */
  @Column({ name: 'secret_hash', type: 'varchar', length: 200, nullable: true })
  secretHash!: string | null;

  /** Public JWK Set (JSON) for private_key_jwt client assertions. */
  @Column({ type: 'text', nullable: true })
  jwks!: string | null;

  /** Space-separated scopes the client may be granted. */
  @Column({ name: 'allowed_scopes', type: 'text' })
  allowedScopes!: string;

  @Column({ type: 'varchar', length: 20 })
  tier!: string;

  /** Binds every token of this client to one patient (patient-context tokens). */
  @Column({ name: 'patient_id', type: 'varchar', length: 128, nullable: true })
  patientId!: string | null;

  /** Whether the client may exchange other callers' tokens (Concord's own layers only). */
  @Column({ name: 'may_delegate', type: 'boolean' })
  mayDelegate!: boolean;

  @Column({ type: 'varchar', length: 200, nullable: true })
  contact!: string | null;

  @Column({ type: 'varchar', length: 10 })
  status!: ClientStatus;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  @Column({ name: 'secret_rotated_at', type: 'varchar', length: 30, nullable: true })
  secretRotatedAt!: string | null;
}
