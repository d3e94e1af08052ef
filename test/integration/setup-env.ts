import { inject } from 'vitest';

/**
 * Runs in each test worker before the test modules load: the worker's process.env gets the functions'
 * environment, so a test may use the AWS SDK (or a shared/store module) against the same DynamoDB Local and S3
 * the local twin uses, and LOCAL_BASE_URL names the gateway.
 */
Object.assign(process.env, inject('localEnv'), { LOCAL_BASE_URL: inject('localBaseUrl') });
