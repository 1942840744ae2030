#!/usr/bin/env node
// `npx resource-inventory`: runs the CLI (shared/cli/, TypeScript) through tsx, which `npm ci`
// installs, so the command works from a fresh checkout with no build step.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS: tsx's hook must be in place before the TypeScript is required */
require('tsx/cjs');
const { runCli } = require('../shared/cli/run-cli.ts');
const { processIo } = require('../shared/cli/cli-io.ts');

// `resource-inventory export | head`: the reader left, which is not an error of ours.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

runCli(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
