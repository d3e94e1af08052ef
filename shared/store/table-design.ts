/**
 * The one table's physical design, read by the CDK stack and by the local twin when it creates the table,
 * so both have the same keys, index and TTL attribute.
 */
export const tableDesign = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** epoch seconds; outbox, idempotency and consumer records expire */
  ttlAttribute: 'expiresAt',
  indexes: [
    {
      /** listings: cases by status, projects by shard, circulars by status */
      name: 'gsi1',
      partitionKey: 'gsi1pk',
      sortKey: 'gsi1sk',
    },
  ],
} as const;
