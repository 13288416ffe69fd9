import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, Max, Min } from 'class-validator';

/** ISO 4217 currencies Concord handles today; every amount in the demo hospital is in US dollars. */
export const CURRENCIES = ['USD'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** Largest amount a single money value may carry: $10 billion, well inside Number.MAX_SAFE_INTEGER cents. */
export const MAX_MONEY_CENTS = 1_000_000_000_000;

/** Money as an integer in minor units (cents) plus its ISO 4217 currency. Never a float. */
export class MoneyDto {
  @ApiProperty({
    type: 'integer',
    format: 'int64',
    minimum: -MAX_MONEY_CENTS,
    maximum: MAX_MONEY_CENTS,
    description: 'Amount in minor units (cents); negative for credits',
    example: 2865000,
  })
  @IsInt()
  @Min(-MAX_MONEY_CENTS)
  @Max(MAX_MONEY_CENTS)
  amount!: number;

  @ApiProperty({ enum: CURRENCIES, description: 'ISO 4217 currency code', example: 'USD' })
  @IsIn(CURRENCIES)
  currency!: Currency;
}

/** A MoneyDto in US dollars. */
export function usd(cents: number): MoneyDto {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`money must be an integer number of cents, got ${cents}`);
  return { amount: cents, currency: 'USD' };
}
