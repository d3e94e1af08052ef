/**
 * Custom metrics as CloudWatch Embedded Metric Format (EMF) log lines: one JSON object per line on standard output,
 * from which CloudWatch Logs extracts the metric (no SDK call, no permission beyond the function's logs). Written with
 * `process.stdout.write`, not `console`, so Lambda's JSON log format does not wrap it and it stays extractable;
 * locally the line is visible in the terminal like every log line.
 */

/** The namespace of the product's own metrics. */
export const METRICS_NAMESPACE = 'Supervision';

/** The metrics the stack alarms on (infra/stack.ts reads the names here, so both sides agree). */
export const METRICS = {
  /** a circular record the public publisher left out of the site because it could not make it safe (SPEC §2.5) */
  publicRecordsWithheld: 'PublicRecordsWithheld',
} as const;

export type MetricName = (typeof METRICS)[keyof typeof METRICS];

/**
 * Emit `value` of a count metric, with `fields` as searchable properties of the same line (never personal data:
 * ids, kinds, names of places). No dimensions: the alarm watches the metric as a whole.
 */
export function emitCount(name: MetricName, value: number, fields: Record<string, unknown> = {}): void {
  const line = {
    ...fields,
    _aws: {
      Timestamp: Date.now(),
      CloudWatchMetrics: [{ Namespace: METRICS_NAMESPACE, Dimensions: [[]], Metrics: [{ Name: name, Unit: 'Count' }] }],
    },
    [name]: value,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
