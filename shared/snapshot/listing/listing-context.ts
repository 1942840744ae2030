// What every listing in AWS needs to know about where and when it runs.

export interface ListingContext {
  /** The account and region the function runs in (the home scope of its runs). */
  account: string;
  region: string;
  /** How many stacks (or other independent listings) are listed at once. */
  concurrency: number;
  now: () => Date;
}
