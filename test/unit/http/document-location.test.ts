import { describe, expect, it } from 'vitest';
import { documentLocation } from '../../../shared/http/document-location.js';

const URL = 'https://documents.example/notice.pdf?X-Amz-Signature=abc';
const EXPIRES = '2026-09-10T10:05:00+08:00';

describe('where a stored document is', () => {
  it.each([
    ['no Accept header', undefined],
    ['a browser navigation', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'],
    ['anything', '*/*'],
    ['a PDF reader', 'application/pdf'],
    ['JSON only as a fallback', 'application/pdf, application/json;q=0.5'],
    ['JSON refused', 'application/json;q=0'],
  ])('redirects for %s', (_what, accept) => {
    expect(documentLocation(URL, EXPIRES, accept)).toEqual({ status: 302, headers: { location: URL } });
  });

  it.each([
    ['JSON', 'application/json'],
    ['JSON first, problems too', 'application/json, application/problem+json'],
    ['JSON before anything else', 'application/json, */*;q=0.1'],
    ['JSON with spaces and case', ' Application/JSON ; q=1.0'],
  ])('answers the link for %s', (_what, accept) => {
    expect(documentLocation(URL, EXPIRES, accept)).toEqual({ status: 200, body: { url: URL, expiresAt: EXPIRES } });
  });
});
