/**
 * Errors the rules and use cases raise, in the domain's words. shared/http/problem.ts maps each kind to one
 * HTTP status and an RFC 9457 problem, in one place.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: 'not_found' | 'conflict' | 'rule' | 'forbidden' | 'invalid';
  /** JSON paths of the input fields at fault, when the error is about some of them */
  readonly fields: Array<{ field: string; message: string }>;
  constructor(message: string, fields: Array<{ field: string; message: string }> = []) {
    super(message);
    this.name = new.target.name;
    this.fields = fields;
  }
}

/** The record named in the request does not exist (or is not visible to the caller). */
export class NotFoundError extends DomainError {
  readonly kind = 'not_found';
}

/** The record is not in a state that allows this (confirming a dismissed case, publishing twice ...). */
export class ConflictError extends DomainError {
  readonly kind = 'conflict';
}

/** The request is well-formed but breaks a rule of supervision (a hazard of another project, ...). */
export class RuleViolationError extends DomainError {
  readonly kind = 'rule';
}

/** The caller is known but may not do this. */
export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
}

/** The input is wrong in a way the schema cannot see (a credit code that is not a unit of the project ...). */
export class InvalidInputError extends DomainError {
  readonly kind = 'invalid';
}
