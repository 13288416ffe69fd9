import { SetMetadata } from '@nestjs/common';
import type { AuditAction } from './audit-event.entity';

export const PHI_ACCESS = Symbol('concord:phi-access');

export interface PhiAccessMetadata {
  /** Canonical resource type touched (Patient, Encounter ...). */
  entityType: string;
  action: AuditAction;
  subtype: string;
  /** Route parameter or GraphQL argument holding the entity id, when there is one. */
  idParameter?: string;
}

/** Marks a route or resolver as reading or writing PHI: every call to it leaves an audit record. */
export const PhiAccess = (metadata: PhiAccessMetadata): MethodDecorator => SetMetadata(PHI_ACCESS, metadata);
