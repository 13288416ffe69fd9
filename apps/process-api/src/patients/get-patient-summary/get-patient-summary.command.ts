import { RESOURCE_ID_PATTERN } from '@concord/contracts';
import { RequestException, RequestExceptionCode } from '@concord/platform';

/** Validated when built, so the use case never re-checks its input. */
export class GetPatientSummaryCommand {
  private constructor(
    readonly patientId: string,
    readonly today: Date,
  ) {}

  static of(patientId: string, today: Date = new Date()): GetPatientSummaryCommand {
    if (!RESOURCE_ID_PATTERN.test(patientId)) {
      throw new RequestException(RequestExceptionCode.VALIDATION_FAILED, 'Invalid patient id', [
        { in: 'path', name: 'id', detail: 'id must be 1-64 letters, digits, "-" or "."' },
      ]);
    }
    return new GetPatientSummaryCommand(patientId, today);
  }
}
