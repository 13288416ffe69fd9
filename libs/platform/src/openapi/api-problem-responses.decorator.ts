import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, ProblemDetailsDto } from '../problem/problem-details';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request; `errors` lists each invalid field',
  401: 'Missing or invalid credentials',
  403: 'The credentials lack the required scope',
  404: 'No such resource',
  409: 'Conflicts with the current state',
  413: 'Request body too large',
  422: 'Well-formed but not processable',
  429: 'Rate limit exceeded; see Retry-After',
  500: 'Unexpected error; quote the request id',
  502: 'The system below answered with an error',
  503: 'The system below is unavailable',
  504: 'The system below did not answer in time',
};

/** Documents RFC 9457 problem+json responses for the given statuses. */
export function ApiProblemResponses(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDetailsDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
      }),
    ),
  );
}
