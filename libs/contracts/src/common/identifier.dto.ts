import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** A business identifier as `{ system, value }`, like a FHIR Identifier. */
export class IdentifierDto {
  @ApiProperty({ description: 'Namespace URI of the identifier', example: 'urn:concord:health:mrn' })
  @IsString()
  @MaxLength(255)
  system!: string;

  @ApiProperty({ description: 'The identifier within its namespace', example: 'CG-100234' })
  @IsString()
  @MaxLength(128)
  value!: string;

  @ApiPropertyOptional({ description: 'HL7 v2 table 0203 identifier type code (MR, MB, SS ...)', example: 'MR' })
  @IsOptional()
  @IsString()
  type?: string;
}
