// The secrets of one data directory, made on its first start and kept in `<data dir>/local-secrets.json`
// readable by its owner only (0600): the DynamoDB Local access key (without -sharedDb, DynamoDB Local
// keeps one database per key, so other local users cannot see the index), the token the bus's redrive
// operation requires, and the key that signs the API's cursors.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const LOCAL_SECRETS_FILE = 'local-secrets.json';

export interface LocalSecrets {
  /** DynamoDB Local accepts letters and digits only in an access key. */
  dynamodbAccessKeyId: string;
  redriveToken: string;
  cursorSecret: string;
}

export function localSecretsPath(dataDir: string): string {
  return join(resolve(dataDir), LOCAL_SECRETS_FILE);
}

/** Reads the data directory's secrets, making them (owner-only) on first use. */
export function loadLocalSecrets(dataDir: string): LocalSecrets {
  const path = localSecretsPath(dataDir);
  mkdirSync(resolve(dataDir), { recursive: true });
  const fresh: LocalSecrets = {
    dynamodbAccessKeyId: alphanumeric(20),
    redriveToken: randomBytes(32).toString('base64url'),
    cursorSecret: randomBytes(32).toString('base64url'),
  };
  try {
    // Exclusive create with the mode set at creation: the secrets are never readable by others.
    writeFileSync(path, `${JSON.stringify(fresh, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
    return fresh;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // A copy or an editor may have widened the mode: narrow it again before trusting the file.
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  return readSecrets(path);
}

/** The secrets of a data directory that has them; undefined when it has none (never started). */
export function readLocalSecrets(dataDir: string): LocalSecrets | undefined {
  try {
    return readSecrets(localSecretsPath(dataDir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Compares in constant time, so the token cannot be found a character at a time. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readSecrets(path: string): LocalSecrets {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LocalSecrets>;
  for (const field of ['dynamodbAccessKeyId', 'redriveToken', 'cursorSecret'] as const) {
    if (typeof parsed[field] !== 'string' || parsed[field] === '') {
      throw new Error(`${path}: "${field}" is missing; delete the file to make new secrets`);
    }
  }
  if (!/^[A-Za-z0-9]+$/.test(parsed.dynamodbAccessKeyId!)) {
    throw new Error(`${path}: "dynamodbAccessKeyId" must be letters and digits only`);
  }
  return parsed as LocalSecrets;
}

function alphanumeric(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  // 256 is not a multiple of 36: draw from the first 252 values only, so every character is as likely.
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 252 && out.length < length) out += alphabet[byte % 36];
    }
  }
  return out;
}
