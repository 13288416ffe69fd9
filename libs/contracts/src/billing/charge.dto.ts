import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CodingDto } from '../common/coding.dto';
import { MoneyDto } from '../common/money.dto';
import { SourceMetaDto } from '../common/source-meta.dto';
import { PatientReferenceDto } from '../clinical/patient-reference.dto';

export const CHARGE_STATUSES = ['captured', 'posted', 'billed', 'reversed'] as const;
export type ChargeStatus = (typeof CHARGE_STATUSES)[number];

/**
 * One line of chargeable service (HL7 DFT FT1, FHIR ChargeItem, a billing account charge). The EHR
 * captures code, quantity and date; billing prices it from the chargemaster, so price fields may be absent
 * on a captured charge. A reversal (FT1-6 CR) is a charge with a negative quantity.
 */
export class ChargeDto {
  @ApiProperty({ description: 'Charge id at its source (ChargeItem id, or HL7 control id and FT1 set id)', example: 'chg-aq-rb-1' })
  id!: string;

  @ApiProperty({ type: PatientReferenceDto })
  patient!: PatientReferenceDto;

  @ApiPropertyOptional({ description: 'Encounter id at the EHR', example: 'enc-aq-tka' })
  encounterId?: string;

  @ApiPropertyOptional({ description: 'Visit (account) number (PV1-19)', example: 'V-CG-7781' })
  visitNumber?: string;

  @ApiProperty({ description: 'Chargemaster code', example: 'RB-SEMI' })
  chargeCode!: string;

  @ApiPropertyOptional({ example: 'Room and board, semi-private, per day' })
  description?: string;

  @ApiProperty({ description: 'Units (negative for a reversal)', example: 2 })
  quantity!: number;

  @ApiProperty({ description: 'Date of service (YYYY-MM-DD)', example: '2026-11-02' })
  serviceDate!: string;

  @ApiPropertyOptional({ description: 'Department (cost centre) that performed the service', example: '6200' })
  departmentCode?: string;

  @ApiPropertyOptional({ description: 'NUBC revenue code', example: '0120' })
  revenueCode?: string;

  @ApiPropertyOptional({ type: CodingDto, description: 'CPT or HCPCS code of the service' })
  procedureCode?: CodingDto;

  @ApiPropertyOptional({ type: [String], description: 'CPT/HCPCS modifiers', example: ['LT'] })
  modifiers?: string[];

  @ApiPropertyOptional({ description: 'Performing or ordering practitioner NPI', example: '1245319599' })
  performerNpi?: string;

  @ApiPropertyOptional({ type: MoneyDto, description: 'Price per unit from the chargemaster' })
  unitPrice?: MoneyDto;

  @ApiPropertyOptional({ type: MoneyDto, description: 'quantity × unit price' })
  amount?: MoneyDto;

  @ApiProperty({ enum: CHARGE_STATUSES, example: 'captured' })
  status!: ChargeStatus;

  @ApiProperty({ type: SourceMetaDto })
  source!: SourceMetaDto;
}
