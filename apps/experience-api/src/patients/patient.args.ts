import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsOptional, Matches, MaxLength } from 'class-validator';
import { IsResourceId } from '@concord/contracts';
import { ConnectionArgs } from '../graphql/connection';

@ArgsType()
export class PatientArgs {
  @Field(() => ID, { description: 'Patient id at the EHR' })
  @IsResourceId()
  id!: string;
}

@ArgsType()
export class PatientsArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Part of the family or given name' })
  @IsOptional()
  @MaxLength(100)
  name?: string;

  @Field(() => String, { nullable: true, description: 'Date of birth, YYYY-MM-DD' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'birthDate must be YYYY-MM-DD' })
  birthDate?: string;
}
