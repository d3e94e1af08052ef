/**
 * A unit's documents as the tests send them: a small well-formed PDF, declared through the unit's upload link and
 * POSTed to the presigned form exactly as the upload page does, then left to the verifier.
 */
import { createHash } from 'node:crypto';
import { type ApiResponse, api, eventually } from './api.js';

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A small but well-formed PDF, different for every `text`. */
export function pdf(text: string): Uint8Array {
  return new TextEncoder().encode(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}

function expectStatus(response: ApiResponse, status: number, what: string): void {
  if (response.status !== status) throw new Error(`${what}: ${response.status} ${response.text}`);
}

/**
 * Declare a document (`POST /v1/uploads`, a PDF unless `declaration.contentType` says otherwise) and POST `bytes`
 * to its presigned form. `declared` overrides the
 * declaration (a wrong SHA-256, say), so the verifier can be shown bytes that are not what was declared.
 */
export async function uploadDocument(
  token: string,
  declaration: { docType: string; fileName: string; reportDate?: string; hazardId?: string; contentType?: string },
  bytes: Uint8Array,
  declared: { sha256?: string } = {},
): Promise<{ documentId: string }> {
  const granted = await api('/v1/uploads', {
    method: 'POST',
    token,
    body: {
      contentType: 'application/pdf',
      size: bytes.length,
      sha256: declared.sha256 ?? sha256(bytes),
      ...declaration,
    },
  });
  expectStatus(granted, 201, `declare a ${declaration.docType}`);
  const { documentId, upload } = granted.json as {
    documentId: string;
    upload: { url: string; fields: Record<string, string> };
  };
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', new Blob([bytes], { type: declaration.contentType ?? 'application/pdf' }));
  const posted = await fetch(upload.url, { method: 'POST', body: form });
  if (posted.status >= 300) throw new Error(`the presigned POST answered ${posted.status}: ${await posted.text()}`);
  return { documentId };
}

/** The verifier's verdict on a document, once it has one. */
export function verdictOf(token: string, documentId: string) {
  return eventually(
    async () => (await api(`/v1/uploads/${documentId}`, { token })).json as { status: string; reason: string | null },
    (document) => document?.status !== undefined && document.status !== 'pending',
    { what: `the verification of ${documentId}` },
  );
}
