import { Column, Entity, PrimaryColumn } from 'typeorm';

/** `jti` of every accepted private_key_jwt assertion, kept until it expires, so none is used twice. */
@Entity({ name: 'used_client_assertion' })
export class UsedClientAssertionEntity {
  @PrimaryColumn({ name: 'client_id', type: 'varchar', length: 100 })
  clientId!: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  jti!: string;

  @Column({ name: 'expires_at', type: 'integer' })
  expiresAt!: number;
}
