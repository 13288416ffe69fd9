import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsResourceId } from '@concord/contracts';

@ArgsType()
export class PatientArgs {
  @Field(() => ID, { description: 'Patient id at the EHR' })
  @IsResourceId()
  id!: string;
}
