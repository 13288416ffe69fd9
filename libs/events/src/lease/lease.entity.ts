import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A time-limited lock held by one app instance: the outbox relay and each subscriber's fetcher run on one instance at a time. */
@Entity({ name: 'event_lease' })
export class LeaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 150 })
  name!: string;

  @Column({ type: 'varchar', length: 100 })
  holder!: string;

  /** ISO 8601; after it another instance may take the lease over. */
  @Column({ name: 'expires_at', type: 'varchar', length: 30 })
  expiresAt!: string;
}
