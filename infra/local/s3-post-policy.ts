/**
 * A browser upload to S3 (POST Object with a SigV4 POST policy), checked as S3 checks it, for the local S3 front.
 * Pure: the form as parsed (infra/local/multipart-form.ts), the bucket of the URL, the account and the time in; the
 * fields S3 would store out, or an S3 refusal thrown.
 *
 * The order and wording follow S3's documentation and its observed answers:
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-post-example.html and RESTObjectPOST:
 * 1. the file is the part named `file`; fields after it are ignored; at most 20,480 bytes of fields before it;
 * 2. `key` is required; without `policy` (and signature fields) the request is anonymous, which a private bucket
 *    refuses; with it, `X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date` and `X-Amz-Signature` are required;
 * 3. the signature is HMAC-SHA256 of the base64 policy text as received, under the SigV4 key of the credential;
 * 4. the policy is JSON with `expiration` (ISO 8601 UTC) and `conditions`; an expired policy is refused;
 * 5. every condition holds: exact (`{"field": "v"}` or `["eq", "$field", "v"]`), `starts-with` (a Content-Type
 *    list element by element), `content-length-range` (inclusive, on the file's size); field names are
 *    case-insensitive, values case-sensitive; a condition on an absent field fails;
 * 6. every field but `x-amz-signature`, `file`, `policy` and `x-ignore-*` is named by some condition.
 * `${filename}` in a field is replaced by the file's name first (S3 matches against the expanded fields).
 */
import type { FormPart } from './multipart-form.js';
import { policyRefusal, refuse } from './s3-refusal.js';
import { ALGORITHM, credentialScope, type SigningAccount, sameSignature, sign, signingKey } from './s3-signature.js';

/** S3's limit on the form data before the file. */
export const MAX_PRE_FILE_BYTES = 20 * 1024;

/** What a checked POST stores: the object's key, its fields (the expanded form, minus the policy's own), the file. */
export interface AcceptedPost {
  key: string;
  /** the fields as they were posted (expanded), in order, without the file */
  fields: Array<[string, string]>;
  file: { data: Buffer; filename: string; contentType?: string };
}

type Condition =
  | { kind: 'eq' | 'starts-with'; field: string; value: string; text: string }
  | { kind: 'content-length-range'; min: number; max: number; text: string };

/** Check a POST Object form against its policy as S3 does; the upload to store, or an S3 refusal thrown. */
export function checkPostObject(parts: FormPart[], bucket: string, account: SigningAccount, now: Date): AcceptedPost {
  const fileIndex = parts.findIndex((part) => part.name.toLowerCase() === 'file');
  const file = parts[fileIndex];
  if (!file) {
    refuse(400, 'InvalidArgument', 'POST requires exactly one file upload per request.', {
      ArgumentName: 'file',
      ArgumentValue: 0,
    });
  }
  if (file.offset > MAX_PRE_FILE_BYTES) {
    refuse(400, 'MaxPostPreDataLengthExceeded', 'Your POST request fields preceeding the upload file was too large.', {
      MaxPostPreDataLengthBytes: MAX_PRE_FILE_BYTES,
    });
  }
  const filename = file.filename === undefined ? undefined : (file.filename.split(/[/\\]/).pop() as string);
  // Fields after the file are ignored; a name sent twice is one field whose values are joined by commas.
  const fields = new Map<string, { name: string; value: string }>();
  for (const part of parts.slice(0, fileIndex)) {
    const value = expand(part.data.toString('utf8'), filename);
    const lower = part.name.toLowerCase();
    const earlier = fields.get(lower);
    fields.set(lower, { name: earlier?.name ?? part.name, value: earlier ? `${earlier.value},${value}` : value });
  }
  const field = (name: string) => fields.get(name.toLowerCase())?.value;

  const key = field('key');
  if (key === undefined) missingField('key');
  if (key.length === 0) {
    refuse(400, 'InvalidArgument', 'User key must have a length greater than 0.', {
      ArgumentName: 'key',
      ArgumentValue: '',
    });
  }

  const signed = ['policy', 'x-amz-algorithm', 'x-amz-credential', 'x-amz-date', 'x-amz-signature'];
  if (signed.every((name) => field(name) === undefined)) {
    if (field('awsaccesskeyid') !== undefined || field('signature') !== undefined) {
      refuse(
        400,
        'InvalidRequest',
        'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.',
      );
    }
    // No policy: an anonymous request, which only a publicly writable bucket takes. Ours are private.
    refuse(403, 'AccessDenied', 'Access Denied');
  }
  for (const name of ['Policy', 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Signature']) {
    if (field(name) === undefined) missingField(name);
  }
  if (field('x-amz-algorithm') !== ALGORITHM) {
    refuse(400, 'InvalidArgument', 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"', {
      ArgumentName: 'X-Amz-Algorithm',
      ArgumentValue: field('x-amz-algorithm') as string,
    });
  }
  const amzDate = field('x-amz-date') as string;
  if (!/^\d{8}T\d{6}Z$/.test(amzDate)) {
    refuse(400, 'InvalidArgument', 'X-Amz-Date must be formated via ISO8601 Long format', {
      ArgumentName: 'X-Amz-Date',
      ArgumentValue: amzDate,
    });
  }
  const scope = credentialScope(field('x-amz-credential') as string, account, amzDate, 'post');
  const policyText = field('policy') as string;
  const [date, region, service] = scope.split('/') as [string, string, string];
  const expected = sign(signingKey(account.secretAccessKey, date, region, service), policyText);
  const provided = field('x-amz-signature') as string;
  if (!sameSignature(expected, provided)) {
    refuse(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      {
        AWSAccessKeyId: account.accessKeyId,
        StringToSign: policyText,
        SignatureProvided: provided,
        StringToSignBytes: Buffer.from(policyText, 'utf8')
          .toString('hex')
          .replace(/(..)(?!$)/g, '$1 '),
      },
    );
  }

  const policy = parsePolicy(policyText);
  if (now.getTime() > policy.expiration.getTime()) policyRefusal('Policy expired.');

  const covered = new Set<string>();
  for (const condition of policy.conditions) {
    if (condition.kind === 'content-length-range') {
      const size = file.data.length;
      if (size > condition.max) {
        refuse(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', {
          ProposedSize: size,
          MaxSizeAllowed: condition.max,
        });
      }
      if (size < condition.min) {
        refuse(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', {
          ProposedSize: size,
          MinSizeAllowed: condition.min,
        });
      }
      continue;
    }
    const failed = () => policyRefusal(`Policy Condition failed: ${condition.text}`);
    if (!condition.field.startsWith('$')) failed();
    const name = condition.field.slice(1).toLowerCase();
    covered.add(name);
    // `bucket` is the bucket posted to (and the `bucket` field, when the form sends one, as the JS SDK's does)
    const values =
      name === 'bucket' ? [bucket, ...(field('bucket') === undefined ? [] : [field('bucket')])] : [field(name)];
    for (const value of values) {
      if (value === undefined) failed();
      if (!matches(condition, name, value as string)) failed();
    }
  }
  const exempt = new Set(['x-amz-signature', 'file', 'policy']);
  for (const [lower, { name }] of fields) {
    if (exempt.has(lower) || lower.startsWith('x-ignore-') || covered.has(lower)) continue;
    policyRefusal(`Extra input fields: ${name}`);
  }

  return {
    key,
    fields: [...fields.values()].map(({ name, value }) => [name, value]),
    file: {
      data: file.data,
      filename: filename ?? 'file',
      ...(file.contentType ? { contentType: file.contentType } : {}),
    },
  };
}

function missingField(name: string): never {
  return refuse(
    400,
    'InvalidArgument',
    `Bucket POST must contain a field named '${name}'.  If it is specified, please check the order of the fields.`,
    { ArgumentName: name, ArgumentValue: '' },
  );
}

/** `${filename}` replaced by the file's name; kept as written when the file part names no file (as S3 does). */
function expand(value: string, filename: string | undefined): string {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: S3's variable, written literally in the form
  return filename === undefined ? value : value.replaceAll('${filename}', filename);
}

function matches(condition: Extract<Condition, { value: string }>, name: string, value: string): boolean {
  if (condition.kind === 'eq') return value === condition.value;
  // A Content-Type list passes a starts-with only if every element does; other fields are plain strings.
  if (name === 'content-type') return value.split(',').every((item) => item.trim().startsWith(condition.value));
  return value.startsWith(condition.value);
}

/** The policy document: base64 of UTF-8 JSON `{expiration, conditions}`; S3's 400 InvalidPolicyDocument otherwise. */
function parsePolicy(text: string): { expiration: Date; conditions: Condition[] } {
  const invalid = (reason: string): never => refuse(400, 'InvalidPolicyDocument', `Invalid Policy: ${reason}`);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) invalid('invalid Base64 encoding.');
  let document: unknown;
  try {
    document = JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
  } catch {
    invalid('Invalid JSON.');
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) invalid('Invalid JSON.');
  const members = document as Record<string, unknown>;
  for (const name of Object.keys(members)) {
    if (name !== 'expiration' && name !== 'conditions') invalid(`Unexpected: '${name.toLowerCase()}'`);
  }
  if (members.expiration === undefined) invalid('Policy missing expiration.');
  const expiration = members.expiration;
  if (typeof expiration !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(expiration)) {
    invalid(`Invalid 'expiration' value: '${String(expiration)}'`);
  }
  const expires = new Date(expiration as string);
  if (Number.isNaN(expires.getTime())) invalid(`Invalid 'expiration' value: '${expiration}'`);
  if (members.conditions === undefined) invalid('Policy missing conditions.');
  if (!Array.isArray(members.conditions)) invalid("Invalid 'conditions' value: must be a List.");
  return { expiration: expires, conditions: (members.conditions as unknown[]).map((c) => parseCondition(c, invalid)) };
}

function parseCondition(condition: unknown, invalid: (reason: string) => never): Condition {
  const quote = (items: unknown[]) => `[${items.map((item) => JSON.stringify(item)).join(', ')}]`;
  if (Array.isArray(condition)) {
    const [operation, ...operands] = condition as unknown[];
    if (typeof operation !== 'string') invalid('Invalid Condition: missing operation identifier.');
    const kind = (operation as string).toLowerCase();
    if (kind === 'eq' || kind === 'starts-with') {
      if (operands.length !== 2) invalid(`Invalid ${kind}: wrong number of arguments.`);
      const [field, value] = operands;
      if (typeof field !== 'string' || typeof value !== 'string') invalid('Invalid JSON.');
      return { kind, field: field as string, value: value as string, text: quote(condition) };
    }
    if (kind === 'content-length-range') {
      if (operands.length !== 2) invalid('Invalid content-length-range: wrong number of arguments.');
      const bounds = operands.map((operand) => {
        if (typeof operand === 'number' && !Number.isInteger(operand)) invalid('Invalid JSON.');
        return typeof operand === 'number' || (typeof operand === 'string' && /^-?\d+$/.test(operand))
          ? Number(operand)
          : undefined;
      });
      const [min, max] = bounds;
      // A bound that is not a number fails like a condition; a negative one is not a policy.
      if (min === undefined || max === undefined) policyRefusal(`Policy Condition failed: ${quote(condition)}`);
      if ((min as number) < 0 || (max as number) < 0)
        invalid('Invalid content-length-range: bounds must not be negative.');
      return { kind, min: min as number, max: max as number, text: quote(condition) };
    }
    invalid(`Invalid Condition: unknown operation '${operation}'.`);
  }
  if (typeof condition === 'object' && condition !== null) {
    const entries = Object.entries(condition);
    if (entries.length !== 1) {
      invalid('Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.');
    }
    const [field, value] = entries[0] as [string, unknown];
    if (typeof value !== 'string') invalid('Invalid Simple-Condition: value must be a string.');
    // S3 reports a simple condition as the `eq` it stands for
    return { kind: 'eq', field: `$${field}`, value: value as string, text: quote(['eq', `$${field}`, value]) };
  }
  return invalid('Invalid condition test: must be a List or Object.');
}
