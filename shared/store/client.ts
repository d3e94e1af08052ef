import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ENV, requireEnv } from '../config.js';

/** The table, named by the environment; a function without it fails at cold start. */
export const TABLE_NAME = requireEnv(ENV.table);

/**
 * One document client per module (created once per execution environment). The endpoint comes from the
 * standard `AWS_ENDPOINT_URL_DYNAMODB` variable locally and from the region in AWS.
 */
export const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
});
