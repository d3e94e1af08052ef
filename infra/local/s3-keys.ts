/**
 * Which object keys the local S3 store can hold. s3rver keeps each object as files named after its key
 * (`<segments…>/<last>._S3rver_object`, `…._S3rver_metadata.json`), so a key the file system cannot name — a NUL,
 * a segment longer than a file name may be, `.`/`..` segments that would leave the bucket's directory — made it
 * answer 500 or write outside the bucket. S3 itself takes any UTF-8 key of at most 1,024 bytes; the product writes
 * none of these, so the twin refuses them (writes) or reports them missing (reads) instead of failing.
 */

/** S3's limit on a key, in UTF-8 bytes. */
export const MAX_KEY_BYTES = 1024;
/** Most file systems' limit on one name, in bytes. */
const MAX_NAME_BYTES = 255;
/** The longest suffix s3rver appends to the last segment. */
const STORE_SUFFIX = '._S3rver_metadata.json';

/** Why the local store cannot hold this key, or undefined when it can. */
export function storableKeyProblem(key: string): string | undefined {
  if (key.length === 0) return 'the key is empty';
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) return `the key is longer than ${MAX_KEY_BYTES} bytes`;
  if (key.includes('\u0000')) return 'the key contains a NUL character';
  const segments = key.split('/');
  if (segments.some((segment) => segment === '.' || segment === '..')) return 'the key has a "." or ".." segment';
  const last = segments.pop() as string;
  if (Buffer.byteLength(last + STORE_SUFFIX) > MAX_NAME_BYTES) return 'the key ends in a segment too long to store';
  if (segments.some((segment) => Buffer.byteLength(segment) > MAX_NAME_BYTES)) return 'a key segment is too long';
  return undefined;
}
