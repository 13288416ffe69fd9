import { Args, Query, Resolver } from '@nestjs/graphql';
import { PatientContext, PhiAccess, RequireScopes } from '@concord/platform';
import { PatientArgs } from './patient.args';
import { Patient } from './patient.model';
import { PatientGraphService } from './patient.service';

@Resolver(() => Patient)
export class PatientResolver {
  constructor(private readonly patients: PatientGraphService) {}

  @Query(() => Patient, { nullable: true, description: 'One patient by EHR id; null with a NOT_FOUND error when there is none' })
  @RequireScopes('system/Patient.rs')
  @PatientContext({ param: 'id' })
  @PhiAccess({ entityType: 'Patient', action: 'R', subtype: 'read', idParameter: 'id' })
  patient(@Args() args: PatientArgs): Promise<Patient> {
    return this.patients.patient(args.id);
  }
}
