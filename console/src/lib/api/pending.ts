/**
 * SPEC §4 routes that other parts of the product are building in parallel (project search, hazards, documents,
 * inspection reports, circular withdrawal, rule sets), typed from the SPEC until the wiring table has them: the
 * client (client.ts) prefers the generated type as soon as a route is in the OpenAPI document.
 */
import type { CaseDetail, DocumentRecord, HazardDetail, Page, ProjectSummary, RuleSet } from './views';

type Json<T> = { headers: Record<string, unknown>; content: { 'application/json': T } };
type NoBody = { headers: Record<string, unknown>; content?: never };

type Parameters<Path, Query> = { query?: Query; header?: never; cookie?: never } & ([Path] extends [never]
  ? { path?: never }
  : { path: Path });

interface Operation<Path, Query, Body, Ok> {
  parameters: Parameters<Path, Query>;
  requestBody: Body extends never ? never : { content: { 'application/json': Body } };
  responses: { 200: Ok; 201: Ok; 202: Ok };
}

interface GetOperation<Path, Query, Ok> {
  parameters: Parameters<Path, Query>;
  requestBody?: never;
  responses: { 200: Ok };
}

export interface PendingPaths {
  '/v1/projects': {
    get: GetOperation<
      never,
      { q?: string; district?: string; creditCode?: string; nextToken?: string; limit?: number },
      Json<Page<ProjectSummary>>
    >;
  };
  '/v1/hazards/{hazardId}': { get: GetOperation<{ hazardId: string }, never, Json<HazardDetail>> };
  '/v1/cases/{caseId}/documents': {
    get: GetOperation<{ caseId: string }, { nextToken?: string }, Json<Page<DocumentRecord>>>;
  };
  '/v1/documents/{documentId}': { get: GetOperation<{ documentId: string }, never, Json<DocumentRecord>> };
  '/v1/inspections/{inspectionId}/report': { get: GetOperation<{ inspectionId: string }, never, NoBody> };
  '/v1/circulars/{circularId}/withdraw': {
    post: Operation<{ circularId: string }, never, { reason: string }, Json<CaseDetail>>;
  };
  '/v1/rule-sets': {
    get: GetOperation<never, { nextToken?: string }, Json<Page<RuleSet>>>;
    post: Operation<never, never, Record<string, unknown> & { effectiveFrom: string; reason: string }, Json<RuleSet>>;
  };
  '/v1/rule-sets/current': { get: GetOperation<never, never, Json<RuleSet>> };
}
