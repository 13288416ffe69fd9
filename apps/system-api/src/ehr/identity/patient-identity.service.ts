import { Injectable } from '@nestjs/common';
import type { Hl7ClinicalChange } from '@concord/connectors/hl7v2';
import { IdentifierSystem, type PatientDto } from '@concord/contracts';
import type { NewEvent } from '@concord/events';
import type { EntityManager } from 'typeorm';
import { CrossReference, type XrefIdentifier } from '../../xref/cross-reference.service';

/** Identifier system of the EHR's own patient id (FHIR Patient.id, PID-3 typed PI) in the cross-reference. */
export const EHR_PATIENT_SYSTEM = 'ehr:patient';

/**
 * Keeps the cross-reference of patient identifiers in step with what the EHR feed says, inside the transaction
 * that stores the message: every patient a message names is linked by MRN and EHR id (deterministic matching on
 * identifiers), and an A40 merge moves the retired record's identifiers to the survivor.
 */
@Injectable()
export class PatientIdentity {
  constructor(private readonly xref: CrossReference) {}

  /** Applies a mapped message's identity facts; returns further events to publish with it (none yet). */
  async apply(manager: EntityManager, change: Hl7ClinicalChange): Promise<NewEvent[]> {
    switch (change.kind) {
      case 'unsupported':
        return [];
      case 'patient-merged':
        for (const merge of change.merges) {
          const survivor = await this.xref.link(manager, 'patient', identifiersOf(merge.patient));
          const prior = await this.xref.link(manager, 'patient', [
            { system: IdentifierSystem.MRN, value: merge.priorMrn },
            ...merge.priorIdentifiers.filter((i) => i.type === 'PI').map((i) => ({ system: EHR_PATIENT_SYSTEM, value: i.value })),
          ]);
          if (prior.concordId !== survivor.concordId) await this.xref.merge(manager, 'patient', survivor.concordId, prior.concordId);
        }
        return [];
      default:
        if (change.patient.mrn || change.patient.id) await this.xref.link(manager, 'patient', identifiersOf(change.patient));
        return [];
    }
  }
}

function identifiersOf(patient: PatientDto): XrefIdentifier[] {
  const identifiers: XrefIdentifier[] = [];
  if (patient.mrn) identifiers.push({ system: IdentifierSystem.MRN, value: patient.mrn });
  if (patient.id && patient.id !== patient.mrn) identifiers.push({ system: EHR_PATIENT_SYSTEM, value: patient.id });
  return identifiers;
}
