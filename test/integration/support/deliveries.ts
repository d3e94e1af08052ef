/**
 * A participating unit delivering what it owes, the way the upload page does it: read the link's context, declare a
 * document, POST its bytes to the presigned form, wait for the verifier's decision. For suites that walk a case
 * through a cycle (first-cycle-release, group-report).
 */
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { api, eventually } from './api.js';

/** An obligation as `GET /v1/uploads/context` lists it. */
export interface DueItem {
  key: string;
  docType: string;
  description: string;
  reportDate?: string;
  dueAt: string;
  status: string;
}

export interface UploadContext {
  today: string;
  case: { id: string; level: number; status: string };
  unit: { role: string; creditCode: string; name: string };
  documentTypes: Array<{ docType: string; name: string }>;
  due: DueItem[];
  missing: DueItem[];
}

/** A small well-formed PDF, different for every label (two patrols of a day are two documents). */
export function pdf(label: string): Uint8Array {
  return new TextEncoder().encode(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${label}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}

/** `GET /v1/uploads/context` with the link's token. */
export async function uploadContext(token: string): Promise<UploadContext> {
  const response = await api('/v1/uploads/context', { token });
  expect(response.status, response.text).toBe(200);
  return response.json as UploadContext;
}

/** Declare, POST the bytes to the presigned form as a browser would, then wait until the verifier accepted them. */
export async function deliver(token: string, item: Pick<DueItem, 'key' | 'docType' | 'reportDate'>, label: string) {
  const bytes = pdf(label);
  const declared = await api('/v1/uploads', {
    method: 'POST',
    token,
    body: {
      docType: item.docType,
      fileName: `${item.docType}.pdf`,
      contentType: 'application/pdf',
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      ...(item.reportDate ? { reportDate: item.reportDate } : {}),
    },
  });
  expect(declared.status, `declaring ${item.key}: ${declared.text}`).toBe(201);
  const { documentId, upload: form } = declared.json as {
    documentId: string;
    upload: { url: string; fields: Record<string, string> };
  };
  const data = new FormData();
  for (const [name, value] of Object.entries(form.fields)) data.append(name, value);
  data.append('file', new Blob([bytes], { type: 'application/pdf' }));
  const posted = await fetch(form.url, { method: 'POST', body: data });
  expect(posted.status, `uploading ${item.key}`).toBeLessThan(300);
  const verified = await eventually(
    async () => (await api(`/v1/uploads/${documentId}`, { token })).json as { status: string; reason: string | null },
    (document) => document.status !== 'pending',
    { what: `the verification of ${item.key}`, timeoutMs: 60_000 },
  );
  expect(verified, item.key).toMatchObject({ status: 'accepted', reason: null });
  return documentId;
}

/**
 * Every unit delivers, today, everything its context lists as due (the notice receipt once, by `receiptBy`).
 * Returns how many documents of each type were delivered.
 */
export async function deliverEverythingDue(
  links: ReadonlyMap<string, string>,
  { receiptBy = 'general_contractor' }: { receiptBy?: string } = {},
): Promise<Map<string, number>> {
  const delivered = new Map<string, number>();
  const uploads: Array<Promise<unknown>> = [];
  for (const [role, token] of links) {
    const context = await uploadContext(token);
    expect(context.missing, `${role} on ${context.today} has missed something`).toEqual([]);
    for (const item of context.due) {
      if (item.docType === 'notice_receipt' && role !== receiptBy) continue;
      delivered.set(item.docType, (delivered.get(item.docType) ?? 0) + 1);
      uploads.push(deliver(token, item, `${role} ${item.key}`));
    }
  }
  await Promise.all(uploads);
  return delivered;
}
