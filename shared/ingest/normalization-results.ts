// Small constructors for the Normalization results every normalizer returns, and the one way a
// schema failure becomes a readable rejection reason.
import type { core } from 'zod/mini';
import type { Normalization } from '../model/normalization';
import type { ResourceChange, StackChange } from '../model/resource-change';

export function mapped(changes: ResourceChange[], stackChanges: StackChange[] = []): Normalization {
  return { outcome: 'mapped', changes, stackChanges };
}

export function skipped(reason: string): Normalization {
  return { outcome: 'skipped', changes: [], stackChanges: [], reason };
}

export function rejected(reason: string): Normalization {
  return { outcome: 'rejected', changes: [], stackChanges: [], reason };
}

/** `detail.stack-id: expected string, received undefined; ...`: short enough for a log line. */
export function describeSchemaError(error: core.$ZodError, root = ''): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = [root, ...issue.path.map(String)].filter((part) => part.length > 0).join('.');
      return `${path || '(event)'}: ${issue.message}`;
    })
    .join('; ');
}
