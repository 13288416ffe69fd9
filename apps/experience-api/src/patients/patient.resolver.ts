import { Args, Query, Resolver } from '@nestjs/graphql';
import { PatientContext, PhiAccess, RequireScopes } from '@concord/platform';
import type { Connection } from '../graphql/connection';
import { PatientArgs, PatientsArgs } from './patient.args';
import { Patient, PatientConnection } from './patient.model';
import { PatientGraphService } from './patient.service';

@Resolver(() => Patient)
export class PatientResolver {
  constructor(private readonly service: PatientGraphService) {}

  @Query(() => Patient, { nullable: true, description: 'One patient by EHR id; null with a NOT_FOUND error when there is none' })
  @RequireScopes('system/Patient.rs')
  @PatientContext({ param: 'id' })
  @PhiAccess({ entityType: 'Patient', action: 'R', subtype: 'read', idParameter: 'id' })
  patient(@Args() args: PatientArgs): Promise<Patient> {
    return this.service.patient(args.id);
  }

  @Query(() => PatientConnection, {
    nullable: true,
    description: 'Patients of the EHR by name or birth date; patient-bound tokens are refused',
  })
  @RequireScopes('system/Patient.s')
  @PatientContext()
  @PhiAccess({ entityType: 'Patient', action: 'E', subtype: 'search-type' })
  patients(@Args() args: PatientsArgs): Promise<Connection<Patient>> {
    return this.service.patients(args);
  }
}
