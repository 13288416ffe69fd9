import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ConnectionArgs, ConnectionType } from '../graphql/connection';

export enum EmployeeStatus {
  ACTIVE = 'active',
  TERMINATED = 'terminated',
}
registerEnumType(EmployeeStatus, { name: 'EmployeeStatus' });

export enum CredentialType {
  RN_LICENCE = 'rn-licence',
  LPN_LICENCE = 'lpn-licence',
  PHYSICIAN_LICENCE = 'physician-licence',
  DEA_REGISTRATION = 'dea-registration',
  BLS_CERTIFICATION = 'bls-certification',
  ACLS_CERTIFICATION = 'acls-certification',
}
registerEnumType(CredentialType, { name: 'CredentialType' });

@ObjectType({ description: 'A budgeted position in a cost centre' })
export class Position {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field()
  costCentre!: string;

  @Field(() => String, { nullable: true })
  jobCode!: string | null;

  @Field(() => [String], { description: 'Credentials a holder must keep current' })
  requiredCredentialTypes!: string[];
}

@ObjectType({ description: 'A licence or certification of an employee' })
export class Credential {
  @Field(() => ID)
  id!: string;

  @Field()
  employeeId!: string;

  @Field(() => CredentialType)
  type!: CredentialType;

  @Field()
  issuer!: string;

  @Field()
  licenceNumber!: string;

  @Field({ description: 'YYYY-MM-DD' })
  expiresOn!: string;
}

@ObjectType({ description: 'A member of staff (HR system of record)' })
export class Staff {
  @Field(() => ID)
  id!: string;

  @Field()
  employeeNumber!: string;

  @Field()
  familyName!: string;

  @Field()
  givenName!: string;

  @Field(() => EmployeeStatus)
  status!: EmployeeStatus;

  @Field()
  costCentre!: string;

  @Field()
  positionId!: string;

  @Field(() => String, { nullable: true })
  positionTitle!: string | null;

  @Field()
  hireDate!: string;
}

export const StaffConnection = ConnectionType(Staff, 'Staff');
export const PositionConnection = ConnectionType(Position, 'Position');
export const CredentialConnection = ConnectionType(Credential, 'Credential');

@ArgsType()
export class StaffArgs extends ConnectionArgs {
  @Field(() => EmployeeStatus, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(EmployeeStatus))
  status?: EmployeeStatus;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,20}$/)
  costCentre?: string;
}

@ArgsType()
export class ExpiringCredentialsArgs extends ConnectionArgs {
  @Field(() => Int, { defaultValue: 30, description: 'Expiring within this many days (0 to 365)' })
  @IsInt()
  @Min(0)
  @Max(365)
  withinDays!: number;

  @Field(() => CredentialType, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(CredentialType))
  type?: CredentialType;
}
