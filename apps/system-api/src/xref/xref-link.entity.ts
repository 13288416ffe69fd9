import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/**
 * One identifier of one business entity in one system: `(patient, urn:concord:health:mrn, CG-100234)`,
 * `(patient, billing:account, A-1001)`, `(item, ehr:supply, KNEE-TOT-CR)` … all pointing at the
 * entity's Concord id. An identifier belongs to one entity at a time (unique), which is where a
 * second entity claiming it — a duplicate patient, two accounts for one patient — is caught.
 */
@Entity({ name: 'xref_link' })
@Unique('uq_xref_link_identifier', ['entityType', 'system', 'value'])
@Index('ix_xref_link_entity', ['entityType', 'concordId'])
export class XrefLinkEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** patient, encounter, item, supplier, employee ... */
  @Column({ name: 'entity_type', type: 'varchar', length: 40 })
  entityType!: string;

  /** Concord's own id of the entity (stable across the systems). */
  @Column({ name: 'concord_id', type: 'varchar', length: 36 })
  concordId!: string;

  /** Identifier namespace: a URI (urn:concord:health:mrn) or `<system>:<kind>` (billing:account, erp:item). */
  @Column({ type: 'varchar', length: 200 })
  system!: string;

  @Column({ type: 'varchar', length: 200 })
  value!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  /** When an identifier moved to another entity (a merge), the entity it was moved from. */
  @Column({ name: 'merged_from', type: 'varchar', length: 36, nullable: true })
  mergedFrom!: string | null;
}
