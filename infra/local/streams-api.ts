/**
 * The calls of the DynamoDB Streams API the relay needs, with records converted to the JSON shape Lambda hands a
 * function (the SDK turns timestamps into Dates and binaries into bytes; Lambda's event has epoch seconds and
 * base64), so the relay function sees locally what it sees in AWS.
 */
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type _Record,
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type Shard,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';

export type IteratorType = 'TRIM_HORIZON' | 'LATEST' | 'AFTER_SEQUENCE_NUMBER' | 'AT_SEQUENCE_NUMBER';

/** A record as Lambda delivers it, before the event-source mapping adds `eventSourceARN`. */
export type StreamRecord = Omit<DynamoDBRecord, 'eventSourceARN'> & {
  dynamodb: NonNullable<DynamoDBRecord['dynamodb']> & { SequenceNumber: string };
};

export class StreamsApi {
  private readonly dynamodb: DynamoDBClient;
  private readonly streams: DynamoDBStreamsClient;

  constructor(endpoint: string, credentials: { accessKeyId: string; secretAccessKey: string }, region: string) {
    this.dynamodb = new DynamoDBClient({ endpoint, credentials, region });
    this.streams = new DynamoDBStreamsClient({ endpoint, credentials, region });
  }

  async latestStreamArn(tableName: string): Promise<string | undefined> {
    const { Table } = await this.dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
    return Table?.LatestStreamArn;
  }

  /** Every shard of the stream (follows pagination). */
  async shards(streamArn: string): Promise<Shard[]> {
    const shards: Shard[] = [];
    let exclusiveStart: string | undefined;
    do {
      const { StreamDescription } = await this.streams.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: exclusiveStart }),
      );
      shards.push(...(StreamDescription?.Shards ?? []));
      exclusiveStart = StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStart);
    return shards;
  }

  async shardIterator(streamArn: string, shardId: string, type: IteratorType, sequenceNumber?: string) {
    const { ShardIterator } = await this.streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ShardIteratorType: type,
        SequenceNumber: sequenceNumber,
      }),
    );
    return ShardIterator;
  }

  /**
   * Records after the iterator; `nextIterator` undefined means the shard is closed and fully read.
   * `restart` is true when the iterator expired or its data was trimmed: get a new one from the checkpoint.
   */
  async records(
    iterator: string,
    limit = 1000,
  ): Promise<{ records: StreamRecord[]; nextIterator?: string; restart?: boolean }> {
    try {
      const result = await this.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: limit }));
      return {
        records: (result.Records ?? []).map(toLambdaShape),
        ...(result.NextShardIterator ? { nextIterator: result.NextShardIterator } : {}),
      };
    } catch (error) {
      if (error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException) {
        return { records: [], restart: true };
      }
      throw error;
    }
  }

  close(): void {
    this.dynamodb.destroy();
    this.streams.destroy();
  }
}

function toLambdaShape(record: _Record): StreamRecord {
  const { ApproximateCreationDateTime, ...dynamodb } = record.dynamodb ?? {};
  return {
    ...(record.eventID ? { eventID: record.eventID } : {}),
    ...(record.eventName ? { eventName: record.eventName } : {}),
    ...(record.eventVersion ? { eventVersion: record.eventVersion } : {}),
    eventSource: 'aws:dynamodb',
    ...(record.awsRegion ? { awsRegion: record.awsRegion } : {}),
    dynamodb: {
      ...(jsonShape(dynamodb) as object),
      ...(ApproximateCreationDateTime
        ? { ApproximateCreationDateTime: Math.floor(ApproximateCreationDateTime.getTime() / 1000) }
        : {}),
      SequenceNumber: dynamodb.SequenceNumber ?? '',
    },
  };
}

/** Bytes as base64, as they appear in Lambda's JSON event. */
function jsonShape(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(jsonShape);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonShape(v)]));
  }
  return value;
}
