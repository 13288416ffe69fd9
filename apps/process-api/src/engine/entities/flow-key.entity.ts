import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What a flow is about (business keys: patient, encounter, claim, purchase-order, employee ...) and
 * the ids it met on its way (links: HL7 control id, FHIR encounter, CLM01, payer claim number, 835
 * trace, ERP journal ...): the material of filters and of a patient's journey across systems.
 */
@Entity({ name: 'flow_key' })
@Index('ix_flow_key_lookup', ['name', 'value'])
@Index('ix_flow_key_flow', ['flowId'])
export class FlowKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'flow_id', type: 'varchar', length: 36 })
  flowId!: string;

  /** `business` keys identify the flow; `link` keys are ids it met (shown in the journey). */
  @Column({ type: 'varchar', length: 10 })
  role!: 'business' | 'link';

  @Column({ type: 'varchar', length: 60 })
  name!: string;

  @Column({ type: 'varchar', length: 200 })
  value!: string;

  @Column({ type: 'varchar', length: 60, nullable: true })
  step!: string | null;

  @Column({ name: 'at', type: 'varchar', length: 30 })
  at!: string;
}
