import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The discharges the EHR announced (`ehr.encounter.discharged.v1`), kept for the discharges-claims
 * rule until system-api exposes EHR encounters. Ids and times only: no patient data.
 */
@Entity({ name: 'recon_discharge' })
export class ReconciliationDischargeEntity {
  @PrimaryColumn({ name: 'encounter_id', type: 'varchar', length: 64 })
  encounterId!: string;

  @Column({ name: 'discharged_at', type: 'varchar', length: 30 })
  dischargedAt!: string;

  @Column({ name: 'event_id', type: 'varchar', length: 64 })
  eventId!: string;

  @Column({ name: 'recorded_at', type: 'varchar', length: 30 })
  recordedAt!: string;
}
