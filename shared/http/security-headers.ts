/**
 * The security headers of the product, written once (SPEC §4 "Security"): the API pipeline (shared/http/api.ts)
 * adds {@link apiSecurityHeaders} to every response, problem+json included; the pages (the public site, the upload
 * and assessment pages, the console) get {@link pageSecurityHeaders} — from the CloudFront response headers policy in
 * AWS (infra/, which reads {@link PAGE_SECURITY_POLICY} and {@link pageContentSecurityPolicy}) and from the local
 * gateway (infra/local/gateway.ts) on `npm start`. Change a value here and both runtimes change.
 */

/** Where a deployment's pages may connect to: besides their own origin, only these. */
export interface PageOrigins {
  /** the HTTP API's origin, e.g. `https://abc123.execute-api.cn-north-1.amazonaws.com.cn` (locally the gateway) */
  api: string;
  /** the documents bucket's origin, where presigned POSTs and GETs go (locally the S3 server) */
  documents: string;
}

/**
 * The headers every page carries besides its Content-Security-Policy, in the shape CloudFront's response headers
 * policy takes them (`securityHeadersBehavior`): no MIME sniffing, no framing, no referrer (an upload link's token
 * rides in the fragment, which browsers never send, but the page's own path need not leak either), and HTTPS
 * remembered for two years where the page is served over HTTPS.
 */
export const PAGE_SECURITY_POLICY = {
  contentTypeOptions: 'nosniff',
  frameOptions: 'DENY',
  referrerPolicy: 'no-referrer',
  strictTransportSecurity: { maxAgeSeconds: 2 * 365 * 24 * 3600, includeSubdomains: true },
} as const;

/**
 * The Content-Security-Policy of every page: scripts, styles, images and fonts from the page's own origin only;
 * network requests to the own origin, the deployment's API and the documents bucket only (so a forged link cannot
 * make a page post a unit's file or token anywhere else); no framing (`frame-ancestors 'none'`), no plugins, no
 * `<base>` and no form posts (the upload page posts with `XMLHttpRequest`, which `connect-src` governs).
 */
export function pageContentSecurityPolicy(origins: PageOrigins): string {
  const connect = [...new Set(["'self'", originOf(origins.api), originOf(origins.documents)])];
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect.join(' ')}`,
    "manifest-src 'self'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** Every header a page carries, as HTTP header names and values (what the local gateway sends). */
export function pageSecurityHeaders(origins: PageOrigins, options: { https: boolean }): Record<string, string> {
  const { maxAgeSeconds, includeSubdomains } = PAGE_SECURITY_POLICY.strictTransportSecurity;
  return {
    'content-security-policy': pageContentSecurityPolicy(origins),
    'x-content-type-options': PAGE_SECURITY_POLICY.contentTypeOptions,
    'x-frame-options': PAGE_SECURITY_POLICY.frameOptions,
    'referrer-policy': PAGE_SECURITY_POLICY.referrerPolicy,
    // Browsers ignore HSTS over plain HTTP; sending it there would only mislead whoever reads the headers.
    ...(options.https
      ? { 'strict-transport-security': `max-age=${maxAgeSeconds}${includeSubdomains ? '; includeSubDomains' : ''}` }
      : {}),
  };
}

/**
 * What every API response carries: `nosniff`, so a JSON body (which echoes what people typed) is never rendered as
 * HTML; agency, upload-link and assessment-link answers are personal, so no cache (a browser's or a proxy's) may keep them.
 */
export function apiSecurityHeaders(access: 'agency' | 'upload' | 'assessment' | 'public'): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    ...(access === 'public' ? {} : { 'cache-control': 'no-store' }),
  };
}

/** `https://host:port/path` → `https://host:port`; a value that is not a URL is returned as given. */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
