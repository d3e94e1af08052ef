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
 * The Content-Security-Policy of every page (the published circulars and rankings, the upload, assessment and unit
 * status pages, the console): scripts, styles, images and fonts from the page's own origin only (no inline script or
 * style); network requests to the own origin and `connect` only (the deployment's API, the documents bucket, the
 * Cognito domain the console exchanges its sign-in code at), so a forged link cannot make a page post a unit's file or
 * token anywhere else; forms submit to the own origin and `formActions` only; no framing (`frame-ancestors 'none'`),
 * no plugins, no `<base>`. The ONE definition: CloudFront's response headers policy (infra/constructs/public-site.ts)
 * and the local gateway both use it.
 */
export function contentSecurityPolicy(connect: readonly string[], formActions: readonly string[] = []): string {
  const sources = (extra: readonly string[]) => [...new Set(["'self'", ...extra.map(originOf)])].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${sources(connect)}`,
    "manifest-src 'self'",
    `form-action ${sources(formActions)}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** What API responses carry: JSON is never a document, so nothing may load or run if a browser renders one. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/** The pages' policy for a deployment whose API and documents bucket are at these origins (the local twin's). */
export function pageContentSecurityPolicy(origins: PageOrigins): string {
  return contentSecurityPolicy([origins.api, origins.documents]);
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
