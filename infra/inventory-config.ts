// The deploy-time settings of the inventory, read from CDK context (`cdk.json` or `-c key=value`) and
// checked once here, so a typo fails `cdk synth` with a message instead of deploying something odd.

/** Every context key the app reads; docs/deploy.md explains each one. */
export const CONTEXT_KEYS = {
  tombstoneRetentionDays: 'tombstoneRetentionDays',
  logRetentionDays: 'logRetentionDays',
  createTrail: 'createTrail',
  trailLogRetentionDays: 'trailLogRetentionDays',
  alarmEmail: 'alarmEmail',
  sourceAccounts: 'sourceAccounts',
  organizationId: 'organizationId',
  apiRateLimit: 'apiRateLimit',
  apiBurstLimit: 'apiBurstLimit',
  centralEventBusArn: 'centralEventBusArn',
  signIn: 'signIn',
  signInDomainPrefix: 'signInDomainPrefix',
  signInCallbackUrls: 'signInCallbackUrls',
  signInMfa: 'signInMfa',
  signInAdminEmail: 'signInAdminEmail',
  snapshotSchedule: 'snapshotSchedule',
  enrolmentOrganizationalUnits: 'enrolmentOrganizationalUnits',
  enrolmentRegions: 'enrolmentRegions',
  enrolmentFromManagementAccount: 'enrolmentFromManagementAccount',
  enrolmentAssetBucketPrefix: 'enrolmentAssetBucketPrefix',
} as const;

export type ContextKey = keyof typeof CONTEXT_KEYS;

export interface InventoryConfig {
  /** Days a tombstone (and the history of its resource) stays before DynamoDB TTL removes it; 0 keeps them. */
  tombstoneRetentionDays: number;
  /** Retention of every log group the stack creates; one of CloudWatch Logs' allowed values. */
  logRetentionDays: number;
  /** Create a multi-region CloudTrail trail (only for accounts without one: CloudTrail events reach EventBridge only with a trail). */
  createTrail: boolean;
  trailLogRetentionDays: number;
  alarmEmail?: string;
  /** Member accounts allowed to put events on the central bus. */
  sourceAccounts: string[];
  /** An AWS Organizations id whose accounts may put events on the central bus. */
  organizationId?: string;
  apiRateLimit: number;
  apiBurstLimit: number;
  /** Default value of the forwarder stack's CentralEventBusArn parameter. */
  centralEventBusArn?: string;
  /** The page for people: a second HTTP API behind Cognito managed login (JWT), beside the SigV4 one. */
  signIn: boolean;
  /** The managed login domain's prefix (globally unique per region); `resource-inventory-<account>` when absent. */
  signInDomainPrefix?: string;
  /** More https URLs the sign-in may return to (a custom domain or proxy in front of the page). */
  signInCallbackUrls: string[];
  /** `required` (TOTP at every sign-in) or `optional` (each user chooses). */
  signInMfa: 'required' | 'optional';
  /** Creates this first user at deploy time; Cognito e-mails a temporary password. */
  signInAdminEmail?: string;
  /** When the snapshot function lists the account and region: an EventBridge `rate(...)` or `cron(...)`. */
  snapshotSchedule: string;
  /** Where the organization StackSet deploys the forwarder; absent: no enrolment stack. */
  enrolment?: EnrolmentConfig;
}

/** The organization StackSet's targets (organization-enrolment.ts). */
export interface EnrolmentConfig {
  /** Organizational unit ids (`ou-...`), or the root id (`r-...`) for the whole organization. */
  organizationalUnits: string[];
  regions: string[];
  /** The central bus the forwarders send to (context centralEventBusArn). */
  centralEventBusArn: string;
  /** Deployed from the management account (CallAs SELF) rather than a delegated administrator. */
  fromManagementAccount: boolean;
  /**
   * Buckets `<prefix>-<region>` (one per enrolment region, in the deploying account) the member
   * template's Lambda code is copied to: StackSets read code only from the target region.
   */
  assetBucketPrefix: string;
  /** The organization whose accounts may read those buckets (context organizationId). */
  organizationId: string;
}

export const DEFAULT_CONFIG: InventoryConfig = {
  tombstoneRetentionDays: 90,
  logRetentionDays: 30,
  createTrail: false,
  trailLogRetentionDays: 90,
  sourceAccounts: [],
  apiRateLimit: 50,
  apiBurstLimit: 100,
  signIn: true,
  signInCallbackUrls: [],
  signInMfa: 'required',
  snapshotSchedule: 'rate(1 day)',
};

/** The values CloudWatch Logs accepts for a log group's retention (RetentionInDays). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Reads one context value; `node.tryGetContext` fits. */
export type ContextLookup = (key: string) => unknown;

/**
 * Context values come as strings from `-c key=value` and as JSON values from `cdk.json`; both are
 * accepted. Throws an Error naming the key for anything else.
 */
export function readInventoryConfig(lookup: ContextLookup): InventoryConfig {
  const config: InventoryConfig = {
    tombstoneRetentionDays: readNumber(
      lookup,
      'tombstoneRetentionDays',
      DEFAULT_CONFIG.tombstoneRetentionDays,
      0,
    ),
    logRetentionDays: readNumber(lookup, 'logRetentionDays', DEFAULT_CONFIG.logRetentionDays, 1),
    createTrail: readBoolean(lookup, 'createTrail', DEFAULT_CONFIG.createTrail),
    trailLogRetentionDays: readNumber(
      lookup,
      'trailLogRetentionDays',
      DEFAULT_CONFIG.trailLogRetentionDays,
      1,
    ),
    alarmEmail: readPattern(lookup, 'alarmEmail', EMAIL, 'an e-mail address'),
    sourceAccounts: readAccounts(lookup),
    organizationId: readPattern(
      lookup,
      'organizationId',
      /^o-[a-z0-9]{10,32}$/,
      'an organization id (o-...)',
    ),
    apiRateLimit: readNumber(lookup, 'apiRateLimit', DEFAULT_CONFIG.apiRateLimit, 1),
    apiBurstLimit: readNumber(lookup, 'apiBurstLimit', DEFAULT_CONFIG.apiBurstLimit, 1),
    centralEventBusArn: readPattern(
      lookup,
      'centralEventBusArn',
      /^arn:aws[a-z-]*:events:[a-z0-9-]+:\d{12}:event-bus\/[A-Za-z0-9._\-/]+$/,
      'an event bus ARN',
    ),
    signIn: readBoolean(lookup, 'signIn', DEFAULT_CONFIG.signIn),
    // Cognito refuses prefixes containing these words (reserved for AWS).
    signInDomainPrefix: readPattern(
      lookup,
      'signInDomainPrefix',
      /^(?!.*(aws|amazon|cognito))[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
      'a domain prefix: lowercase letters, digits and hyphens, not containing aws, amazon or cognito',
    ),
    signInCallbackUrls: readHttpsUrls(lookup),
    signInMfa: readChoice(lookup, 'signInMfa', ['required', 'optional'], DEFAULT_CONFIG.signInMfa),
    signInAdminEmail: readPattern(lookup, 'signInAdminEmail', EMAIL, 'an e-mail address'),
    snapshotSchedule:
      readPattern(
        lookup,
        'snapshotSchedule',
        /^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\([^()]+\))$/,
        'an EventBridge schedule expression (rate(1 day), cron(0 3 * * ? *))',
      ) ?? DEFAULT_CONFIG.snapshotSchedule,
  };
  config.enrolment = readEnrolment(lookup, config.centralEventBusArn, config.organizationId);
  const allowedRetention: readonly number[] = LOG_RETENTION_DAYS;
  if (!allowedRetention.includes(config.logRetentionDays)) {
    throw new Error(
      `context ${CONTEXT_KEYS.logRetentionDays} must be one of ${LOG_RETENTION_DAYS.join(', ')}; got ${config.logRetentionDays}`,
    );
  }
  return config;
}

function present(lookup: ContextLookup, key: ContextKey): unknown {
  const value = lookup(CONTEXT_KEYS[key]);
  return value === '' ? undefined : value;
}

function readNumber(lookup: ContextLookup, key: ContextKey, fallback: number, min: number): number {
  const raw = present(lookup, key);
  if (raw === undefined || raw === null) return fallback;
  const value = typeof raw === 'string' ? Number(raw.trim()) : raw;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new Error(`context ${CONTEXT_KEYS[key]} must be an integer >= ${min}; got ${JSON.stringify(raw)}`);
  }
  return value;
}

function readBoolean(lookup: ContextLookup, key: ContextKey, fallback: boolean): boolean {
  const raw = present(lookup, key);
  if (raw === undefined || raw === null) return fallback;
  if (raw === true || raw === 'true') return true;
  if (raw === false || raw === 'false') return false;
  throw new Error(`context ${CONTEXT_KEYS[key]} must be true or false; got ${JSON.stringify(raw)}`);
}

function readPattern(
  lookup: ContextLookup,
  key: ContextKey,
  pattern: RegExp,
  what: string,
): string | undefined {
  const raw = present(lookup, key);
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string' || !pattern.test(raw.trim())) {
    throw new Error(`context ${CONTEXT_KEYS[key]} must be ${what}; got ${JSON.stringify(raw)}`);
  }
  return raw.trim();
}

/** A JSON array of account ids (cdk.json) or a comma-separated string (`-c sourceAccounts=111...,222...`). */
function readAccounts(lookup: ContextLookup): string[] {
  return readList(lookup, 'sourceAccounts', /^\d{12}$/, '12-digit account ids');
}

/** OU ids as AWS Organizations shapes them; the root id stands for the whole organization. */
const ORGANIZATIONAL_UNIT = /^(?:r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;
/** A commercial, GovCloud or China region name (StackSets deploy to regions, never to `global`). */
const REGION = /^[a-z]{2,4}(?:-[a-z]+){1,3}-\d{1,2}$/;
const BUCKET_PREFIX = /^[a-z0-9][a-z0-9.-]{1,40}[a-z0-9]$/;

/**
 * Both targets or neither; enrolment also needs the central bus ARN the members send to, and, since
 * the member template carries the snapshot function's code, the asset buckets and the organization
 * that may read them.
 */
function readEnrolment(
  lookup: ContextLookup,
  centralEventBusArn?: string,
  organizationId?: string,
): EnrolmentConfig | undefined {
  const organizationalUnits = readList(
    lookup,
    'enrolmentOrganizationalUnits',
    ORGANIZATIONAL_UNIT,
    'organizational unit ids (ou-...) or the root id (r-...)',
  );
  const regions = readList(lookup, 'enrolmentRegions', REGION, 'region names (eu-west-1)');
  const fromManagementAccount = readBoolean(lookup, 'enrolmentFromManagementAccount', false);
  const assetBucketPrefix = readPattern(
    lookup,
    'enrolmentAssetBucketPrefix',
    BUCKET_PREFIX,
    'a bucket name prefix (3-42 of a-z, 0-9, ".", "-")',
  );
  if (organizationalUnits.length === 0 && regions.length === 0) {
    const stray = (['enrolmentFromManagementAccount', 'enrolmentAssetBucketPrefix'] as const).find(
      (key) => present(lookup, key) !== undefined,
    );
    if (stray) {
      throw new Error(
        `context ${CONTEXT_KEYS[stray]} needs ${CONTEXT_KEYS.enrolmentOrganizationalUnits} and ${CONTEXT_KEYS.enrolmentRegions}`,
      );
    }
    return undefined;
  }
  if (organizationalUnits.length === 0 || regions.length === 0) {
    const missing = organizationalUnits.length === 0 ? 'enrolmentOrganizationalUnits' : 'enrolmentRegions';
    throw new Error(
      `context ${CONTEXT_KEYS[missing]} is missing: the organization StackSet needs both the ` +
        `organizational units (${CONTEXT_KEYS.enrolmentOrganizationalUnits}) and the regions (${CONTEXT_KEYS.enrolmentRegions})`,
    );
  }
  if (centralEventBusArn === undefined) {
    throw new Error(
      `context ${CONTEXT_KEYS.centralEventBusArn} is required with ${CONTEXT_KEYS.enrolmentOrganizationalUnits}: ` +
        "the forwarders need the inventory stack's CentralEventBusArn output",
    );
  }
  if (assetBucketPrefix === undefined) {
    throw new Error(
      `context ${CONTEXT_KEYS.enrolmentAssetBucketPrefix} is required with ${CONTEXT_KEYS.enrolmentOrganizationalUnits}: ` +
        "the member template carries the snapshot function's code, which StackSets read from a bucket " +
        '<prefix>-<region> in each enrolment region (docs/deploy.md)',
    );
  }
  if (organizationId === undefined) {
    throw new Error(
      `context ${CONTEXT_KEYS.organizationId} is required with ${CONTEXT_KEYS.enrolmentOrganizationalUnits}: ` +
        "the asset buckets let the organization's accounts read the member code",
    );
  }
  return {
    organizationalUnits,
    regions,
    centralEventBusArn,
    fromManagementAccount,
    assetBucketPrefix,
    organizationId,
  };
}

/** A JSON array (cdk.json) or a comma-separated string (`-c key=a,b`), each entry matching `pattern`. */
function readList(lookup: ContextLookup, key: ContextKey, pattern: RegExp, what: string): string[] {
  const raw = present(lookup, key);
  if (raw === undefined || raw === null) return [];
  const list = typeof raw === 'string' ? raw.split(',') : raw;
  if (!Array.isArray(list)) throw new Error(`context ${CONTEXT_KEYS[key]} must be a list of ${what}`);
  const entries = list.map((entry: unknown) => (typeof entry === 'string' ? entry.trim() : entry));
  const bad = entries.filter((entry) => typeof entry !== 'string' || !pattern.test(entry));
  if (bad.length > 0) {
    throw new Error(`context ${CONTEXT_KEYS[key]} must list ${what}; bad: ${JSON.stringify(bad)}`);
  }
  return [...new Set(entries.filter((entry): entry is string => typeof entry === 'string'))];
}

function readChoice<T extends string>(
  lookup: ContextLookup,
  key: ContextKey,
  choices: readonly T[],
  fallback: T,
): T {
  const raw = present(lookup, key);
  if (raw === undefined || raw === null) return fallback;
  const found = choices.find((choice) => choice === raw);
  if (found === undefined) {
    throw new Error(
      `context ${CONTEXT_KEYS[key]} must be one of ${choices.join(', ')}; got ${JSON.stringify(raw)}`,
    );
  }
  return found;
}

/** A JSON array or a comma-separated string of https URLs, each a place the page is served from. */
function readHttpsUrls(lookup: ContextLookup): string[] {
  const raw = present(lookup, 'signInCallbackUrls');
  if (raw === undefined || raw === null) return [];
  const list = typeof raw === 'string' ? raw.split(',') : raw;
  const key = CONTEXT_KEYS.signInCallbackUrls;
  if (!Array.isArray(list)) throw new Error(`context ${key} must be a list of https URLs`);
  return list.map((entry: unknown) => {
    const text = typeof entry === 'string' ? entry.trim() : '';
    let url: URL | undefined;
    try {
      url = new URL(text);
    } catch {
      url = undefined;
    }
    if (url?.protocol !== 'https:' || url.hash || url.search) {
      throw new Error(
        `context ${key} must list https URLs without query or fragment; bad: ${JSON.stringify(entry)}`,
      );
    }
    return url.href;
  });
}
