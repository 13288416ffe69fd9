import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType } from '../graphql/connection';

export enum Gender {
  MALE = 'male',
  FEMALE = 'female',
  OTHER = 'other',
  UNKNOWN = 'unknown',
}
registerEnumType(Gender, { name: 'Gender', description: 'Administrative gender (FHIR AdministrativeGender)' });

@ObjectType({ description: 'A business identifier: a value within a namespace' })
export class Identifier {
  @Field({ description: 'Namespace URI' })
  system!: string;

  @Field()
  value!: string;

  @Field(() => String, { nullable: true, description: 'HL7 v2 table 0203 type code (MR, MB ...)' })
  type?: string | null;
}

@ObjectType({ description: 'Another patient record that may be the same person' })
export class PatientReference {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  mrn?: string | null;
}

@ObjectType({ description: 'A patient, composed across the core systems' })
export class Patient {
  @Field(() => ID, { description: 'Patient id at the EHR' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'Medical record number' })
  mrn?: string | null;

  @Field({ description: 'Name for display' })
  displayName!: string;

  @Field(() => String, { nullable: true })
  familyName?: string | null;

  @Field(() => [String])
  givenNames!: string[];

  @Field(() => Gender)
  gender!: Gender;

  @Field(() => String, { nullable: true, description: 'Date of birth, YYYY-MM-DD' })
  birthDate?: string | null;

  @Field(() => Int, { nullable: true, description: 'Age in whole years today' })
  ageYears?: number | null;

  @Field()
  deceased!: boolean;

  @Field(() => [Identifier])
  identifiers!: Identifier[];

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => [PatientReference], { description: 'Records with the same family name and birth date' })
  possibleDuplicates!: PatientReference[];
}

export const PatientConnection = ConnectionType(Patient, 'Patient');
