import { apiRoute } from '../http/apiRoute.js';
import { fail, json, param, schema, secured, tags, userId } from '../openapi/helpers.js';

/** The routes of learningRoutes.ts, each with its OpenAPI operation (the document is generated from these). */
export const learningApi = {
  listLearningRecords: apiRoute('get', '/learning-records', {
    tags: tags.learning,
    operationId: 'listLearningRecords',
    summary: 'One person\'s learning records (学习记录) of a year, with the total hours',
    description: 'Every signed-in user reads their own; a supervisor also those of the managers reporting to them; the dept head, '
      + 'leaders and admins everyone\'s (403 otherwise). A record is submitted with `POST /api/processes/learning-record/instances` '
      + '(`LearningRecordForm`); the submitter\'s supervisor acknowledges it (form `learning-ack`), or without a supervisor the dept '
      + 'head (a dept head\'s: a leader); never the submitter.',
    parameters: [
      { name: 'userId', in: 'query', description: 'Whose records (default: the caller). Not a positive integer: 422 at `/userId`.', schema: userId },
      {
        name: 'year', in: 'query', description: 'Four digits, 1970–2999 (default: this year in China); else 422 at `/year`.',
        schema: { type: 'integer', minimum: 1970, maximum: 2999 },
      },
      param('AcceptLanguage'),
    ],
    responses: secured({
      '200': json('The year\'s records.', schema('LearningYear')),
      '403': fail('Forbidden', 'The caller may not read this person\'s records.'),
      '422': fail('Unprocessable', 'A bad `userId` or `year` (each at its own path), or no such user (at `/userId`, for callers who read everyone\'s).'),
    }),
  }),
};
