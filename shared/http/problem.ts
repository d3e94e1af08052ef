import type * as z from 'zod';
import { DomainError, inLanguage } from '../domain/errors.js';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: Array<{ field: string; message: string }>;
  [extension: string]: unknown;
}

const TYPE_BASE = 'https://supervision.example.gov.cn/problems/';

/** An error that is already an HTTP answer: thrown anywhere in a handler, rendered by the error middleware. */
export class HttpProblem extends Error {
  readonly status: number;
  readonly body: ProblemBody;
  readonly headers: Record<string, string>;
  constructor(
    status: number,
    slug: string,
    title: string,
    detail: string,
    extra: Partial<ProblemBody> = {},
    headers: Record<string, string> = {},
  ) {
    super(detail);
    this.status = status;
    this.body = { type: TYPE_BASE + slug, title, status, detail, ...extra };
    this.headers = headers;
  }
}

export const problems = {
  validation: (where: string, errors: Array<{ field: string; message: string }>) =>
    new HttpProblem(
      400,
      'validation',
      'The request is not valid',
      `${errors.length} problem${errors.length === 1 ? '' : 's'} in the ${where}: ${errors
        .slice(0, 3)
        .map((e) => `${e.field || where}: ${e.message}`)
        .join('; ')}${errors.length > 3 ? '; …' : ''}`,
      { errors },
    ),
  malformedJson: (detail: string) =>
    new HttpProblem(400, 'malformed-json', 'The request body is not valid JSON', detail),
  unsupportedMediaType: () =>
    new HttpProblem(415, 'unsupported-media-type', 'Send JSON', 'The request body must be application/json.'),
  unauthorized: (detail: string) =>
    new HttpProblem(401, 'unauthorized', 'Authentication required', detail, {}, { 'www-authenticate': 'Bearer' }),
  forbidden: (detail: string) => new HttpProblem(403, 'forbidden', 'Not allowed', detail),
  notFound: (detail: string) => new HttpProblem(404, 'not-found', 'Not found', detail),
  conflict: (detail: string) => new HttpProblem(409, 'conflict', 'Conflict with the current state', detail),
  idempotencyMismatch: () =>
    new HttpProblem(
      422,
      'idempotency-key-reused',
      'Idempotency-Key reused for a different request',
      'This Idempotency-Key was already used with a different request body or path. Use a new key for a new request.',
    ),
  notImplemented: (operationId: string) =>
    new HttpProblem(
      501,
      'not-implemented',
      'Not implemented yet',
      `The operation ${operationId} is part of the API contract but is not built yet.`,
    ),
  internal: (requestId: string) =>
    new HttpProblem(
      500,
      'internal',
      'Internal error',
      `Something went wrong on our side. Nothing was changed. Quote request id ${requestId} when reporting it.`,
    ),
};

/** zod issues as `{field, message}` with the field as a JSON-path-like string (`units[0].creditCode`). */
export function zodErrors(error: z.ZodError): Array<{ field: string; message: string }> {
  return error.issues.map((issue) => ({
    field: issue.path.reduce<string>(
      (path, key) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${String(key)}` : String(key)),
      '',
    ),
    message: issue.message,
  }));
}

const DOMAIN_STATUS: Record<DomainError['kind'], [number, string, string]> = {
  not_found: [404, 'not-found', 'Not found'],
  conflict: [409, 'conflict', 'Conflict with the current state'],
  rule: [422, 'rule-violation', 'Not allowed by the rules of supervision'],
  forbidden: [403, 'forbidden', 'Not allowed'],
  invalid: [400, 'validation', 'The request is not valid'],
};

/** Any error as a problem: HTTP problems as they are, domain errors by kind, anything else a 500 without internals. */
export function toProblem(error: unknown, requestId: string): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (error instanceof DomainError) {
    const [status, slug, title] = DOMAIN_STATUS[error.kind];
    // Chinese first (SPEC §4); the choice of language by Accept-Language is made by the pipeline
    const errors = error.fields.map(({ field, message }) => ({ field, message: inLanguage(message, 'zh') }));
    return new HttpProblem(status, slug, title, inLanguage(error.text, 'zh'), {
      ...error.extensions,
      ...(errors.length ? { errors } : {}),
    });
  }
  return problems.internal(requestId);
}
