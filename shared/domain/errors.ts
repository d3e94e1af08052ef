/**
 * Errors the rules and use cases raise, in the domain's words. shared/http/problem.ts maps each kind to one
 * HTTP status and an RFC 9457 problem, in one place.
 *
 * The users are Chinese (SPEC §4 "Errors"): every message a person reads is written in Chinese first, with an
 * English rendering for a request whose `Accept-Language` prefers `en`. A message is either both
 * (`{ zh, en }`) or, while a site has not been translated yet, one string shown in both languages.
 */

/** A message in the two languages the API answers in. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** A person-readable message: both languages, or one string used for both. */
export type Message = string | Bilingual;

/** A field at fault and what is wrong with it. */
export interface FieldProblem {
  /** JSON path of the field, e.g. `units[0].creditCode` */
  field: string;
  message: Message;
}

/** The message in the language asked for. */
export function inLanguage(message: Message, language: 'zh' | 'en'): string {
  return typeof message === 'string' ? message : message[language];
}

export abstract class DomainError extends Error {
  abstract readonly kind: 'not_found' | 'conflict' | 'rule' | 'forbidden' | 'invalid';
  /** the message in both languages (Error.message holds the English one, for logs) */
  readonly text: Message;
  /** the input fields at fault, when the error is about some of them */
  readonly fields: FieldProblem[];
  /** machine-readable members the problem carries besides its text (e.g. the existing record a duplicate names) */
  readonly extensions: Record<string, unknown>;
  constructor(message: Message, fields: FieldProblem[] = [], extensions: Record<string, unknown> = {}) {
    super(inLanguage(message, 'en'));
    this.name = new.target.name;
    this.text = message;
    this.fields = fields;
    this.extensions = extensions;
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
