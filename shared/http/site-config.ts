/**
 * The deployment's configuration for the static pages (the upload page, the assessment page): written once per
 * deployment beside them as `public/config.json` — by the stack's site deployment in AWS
 * (infra/constructs/public-site.ts) and by the local twin at start (infra/local/public-site.ts) — and read by the
 * pages instead of anything a link could carry.
 */
export interface SiteConfig {
  /** the HTTP API's base URL, e.g. `https://abc123.execute-api.cn-north-1.amazonaws.com.cn` */
  api: string;
}

/** Where the pages find it: `/public/config.json` (key `public/config.json` of the public bucket). */
export const SITE_CONFIG_FILE = 'config.json';
