import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SourceMetaDto } from '../common/source-meta.dto';

/** A supplier (vendor) in the ERP's supplier master. */
export class SupplierDto {
  @ApiProperty({ description: 'Supplier id in the ERP', example: 'SUP-SUMMIT' })
  id!: string;

  @ApiProperty({ example: 'Summit Orthopedics' })
  name!: string;

  @ApiPropertyOptional({ description: 'US federal tax id (EIN) of the supplier', example: '98-7654321' })
  taxId?: string;

  @ApiProperty({ description: 'Days from invoice date to payment due', example: 30 })
  paymentTermsDays!: number;

  @ApiProperty({ description: 'Whether purchase orders and payments may be raised against it', example: true })
  active!: boolean;

  @ApiPropertyOptional({ description: 'Where purchase orders are sent', example: 'orders@summit-ortho.example' })
  orderEmail?: string;

  @ApiProperty({ type: SourceMetaDto })
  source!: SourceMetaDto;
}
