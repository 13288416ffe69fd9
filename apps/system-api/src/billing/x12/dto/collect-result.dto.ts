import { ApiProperty } from '@nestjs/swagger';

export class CollectResultDto {
  @ApiProperty({
    type: [String],
    description: 'Files applied or acknowledged (moved to processed/)',
    example: ['000002-277CA-000000012.x12'],
  })
  processed!: string[];

  @ApiProperty({
    type: [String],
    description: 'Files rejected or not X12 (moved to failed/, kept in the inbound interchange table)',
    example: [],
  })
  failed!: string[];
}
