import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional } from 'class-validator';
import { type ClaimEditCode, SOFT_CLAIM_EDITS } from '../claim-edits';

export class RevalidateClaimDto {
  @ApiPropertyOptional({
    description: 'Soft payer-rule edits to switch off this time',
    type: 'array',
    items: { type: 'string', enum: [...SOFT_CLAIM_EDITS] },
    maxItems: 5,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsIn(SOFT_CLAIM_EDITS, { each: true })
  skipEdits?: ClaimEditCode[];
}
