import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ADMINISTRATIVE_GENDERS,
  type AdministrativeGender,
  AddressDto,
  IdentifierDto,
  type PatientDto,
  Phi,
  SourceMetaDto,
} from '@concord/contracts';

export class PatientNameV2Dto {
  @ApiProperty({ enum: ['official', 'usual', 'nickname', 'old'], example: 'official' })
  use!: string;

  @ApiPropertyOptional({ example: 'Quinn' })
  family?: string;

  @ApiProperty({ type: [String], example: ['Avery'] })
  given!: string[];

  @ApiProperty({ example: 'Avery Quinn' })
  text!: string;
}

export class PatientContactV2Dto {
  @ApiProperty({ type: [String], example: ['+1-555-0142'] })
  phones!: string[];

  @ApiProperty({ type: [String], example: [] })
  emails!: string[];
}

/**
 * Patient, version 2: names is a list (with use), contact details are grouped by kind, and the
 * date of death replaces the bare flag once it is known. v1 stays served until its sunset.
 */
export class PatientV2Dto {
  @ApiProperty({ example: 'avery-quinn' })
  id!: string;

  @ApiPropertyOptional({ example: 'CG-100234' })
  @Phi()
  mrn?: string;

  @ApiProperty({ type: [IdentifierDto] })
  @Phi()
  identifiers!: IdentifierDto[];

  @ApiProperty({ type: [PatientNameV2Dto] })
  @Phi()
  names!: PatientNameV2Dto[];

  @ApiProperty({ enum: ADMINISTRATIVE_GENDERS, example: 'female' })
  gender!: AdministrativeGender;

  @ApiPropertyOptional({ example: '1957-03-14' })
  @Phi()
  birthDate?: string;

  @ApiProperty({ example: false })
  deceased!: boolean;

  @ApiProperty({ type: PatientContactV2Dto })
  @Phi()
  contact!: PatientContactV2Dto;

  @ApiProperty({ type: [AddressDto] })
  @Phi()
  addresses!: AddressDto[];

  @ApiProperty({ type: SourceMetaDto })
  source!: SourceMetaDto;
}

export function toPatientV2(patient: PatientDto): PatientV2Dto {
  const text = patient.name.text ?? [...patient.name.given, patient.name.family].filter(Boolean).join(' ');
  return {
    id: patient.id,
    ...(patient.mrn ? { mrn: patient.mrn } : {}),
    identifiers: patient.identifiers,
    names: [{ use: 'official', ...(patient.name.family ? { family: patient.name.family } : {}), given: patient.name.given, text }],
    gender: patient.gender,
    ...(patient.birthDate ? { birthDate: patient.birthDate } : {}),
    deceased: patient.deceased,
    contact: {
      phones: patient.telecom.filter((t) => t.system === 'phone' || t.system === 'sms').map((t) => t.value),
      emails: patient.telecom.filter((t) => t.system === 'email').map((t) => t.value),
    },
    addresses: patient.addresses,
    source: patient.source,
  };
}
