// Builds the DynamoDB clients: the same code talks to AWS or to DynamoDB Local, only the endpoint (and,
// locally, the data directory's own access key) differs. Every request has a deadline.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * A stalled store must end in an error the API answers with 503, never a hang: connecting gets 2 s, a
 * whole request 5 s on AWS (DynamoDB answers in milliseconds), so with the SDK's 3 tries a stalled call
 * fails in about 20 s, inside API Gateway's 30 s. DynamoDB Local on a busy laptop can take seconds over
 * a CreateTable or a write under load (and java accepts connections late): against an endpoint,
 * connecting and a request get 10 s each.
 */
export const DEFAULT_CONNECTION_TIMEOUT_MS = 2_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 5_000;
export const LOCAL_REQUEST_TIMEOUT_MS = 10_000;

/** What DynamoDB Local files a database under when run without -sharedDb: access key and region. */
export interface LocalDynamoDbCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface DynamoDbClientOptions {
  /** DynamoDB Local or any other endpoint; AWS's regional endpoint when absent. */
  endpoint?: string;
  region?: string;
  maxAttempts?: number;
  /** For an endpoint: the key whose database to use (DynamoDB Local keeps one per key and region). */
  credentials?: LocalDynamoDbCredentials;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
}

/** Names the access key to use with an endpoint when none is given (the test run sets a random one). */
export const LOCAL_DYNAMODB_ACCESS_KEY_ENV = 'LOCAL_DYNAMODB_ACCESS_KEY';

/** The credentials used with an endpoint when none are given: the environment's key, else a fixed one. */
export function defaultLocalCredentials(env: NodeJS.ProcessEnv = process.env): LocalDynamoDbCredentials {
  return { accessKeyId: env[LOCAL_DYNAMODB_ACCESS_KEY_ENV] || 'local', secretAccessKey: 'local' };
}

export function createDynamoDbClient(options: DynamoDbClientOptions = {}): DynamoDBClient {
  const endpoint = options.endpoint;
  return new DynamoDBClient({
    endpoint,
    region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
    maxAttempts: options.maxAttempts,
    requestHandler: {
      connectionTimeout:
        options.connectionTimeoutMs ?? (endpoint ? LOCAL_REQUEST_TIMEOUT_MS : DEFAULT_CONNECTION_TIMEOUT_MS),
      requestTimeout:
        options.requestTimeoutMs ?? (endpoint ? LOCAL_REQUEST_TIMEOUT_MS : DEFAULT_REQUEST_TIMEOUT_MS),
      // Without it the handler only logs a warning when requestTimeout passes and keeps waiting.
      throwOnRequestTimeout: true,
    },
    // Locally no AWS configuration is needed: the given key, or a fixed one.
    ...(endpoint ? { credentials: options.credentials ?? defaultLocalCredentials() } : {}),
  });
}

export function createDocumentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
}
