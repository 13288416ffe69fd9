import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PatientDto } from '@concord/contracts';

export class PatientPageDto {
  @ApiProperty({ type: [PatientDto] })
  items!: PatientDto[];

  @ApiPropertyOptional({ description: 'Total matches, when the EHR reports it', example: 1 })
  total?: number;

  @ApiPropertyOptional({ description: 'Pass as `cursor` to get the next page; absent on the last page' })
  nextCursor?: string;
}
