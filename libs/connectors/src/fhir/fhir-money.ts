import type { Money } from '@medplum/fhirtypes';
import { CURRENCIES, type Currency, MAX_MONEY_CENTS, type MoneyDto } from '@concord/contracts';
import { invalid, unsupportedCode } from './fhir-mapping.exception';

/** FHIR Money (a decimal in major units) → integer cents; fractions of a cent and foreign currencies are refused. */
export function moneyFromFhir(money: Money, path: string): MoneyDto {
  if (typeof money.value !== 'number' || !Number.isFinite(money.value)) throw invalid(`${path}.value`, 'is not a number');
  const currency = money.currency ?? 'USD';
  if (!(CURRENCIES as readonly string[]).includes(currency))
    throw unsupportedCode(`${path}.currency`, `${currency} is not a supported currency`);
  const cents = Math.round(money.value * 100);
  // A decimal like 12600.1 is 1260010.0000000002 cents in binary floating point: allow that, refuse 0.005.
  if (Math.abs(cents - money.value * 100) > 1e-6 * Math.max(1, Math.abs(cents))) throw invalid(`${path}.value`, 'has a fraction of a cent');
  if (Math.abs(cents) > MAX_MONEY_CENTS) throw invalid(`${path}.value`, 'is beyond the largest amount Concord carries');
  return { amount: cents, currency: currency as Currency };
}

/** Integer cents → FHIR Money; the division by 100 of an integer is exact to two decimals in JSON. */
export function moneyToFhir(money: MoneyDto): Money {
  return { value: money.amount / 100, currency: money.currency };
}
