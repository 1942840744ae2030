// `--help` text, built from the command and option tables so it can never list an option a command
// does not take.
import type { CliCommand } from './cli-commands';
import { OPTION_SPECS } from './cli-options';
import type { OptionName } from './cli-options';

export const PROGRAM = 'resource-inventory';

export function generalHelp(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    `Usage: ${PROGRAM} COMMAND [options]   (in this repository: npx ${PROGRAM} ...)`,
    '',
    'Reads the resource inventory over its HTTP API: the local one `npm start` runs, or a deployed one',
    '(requests to a non-loopback URL are signed with SigV4 from the standard AWS credential chain).',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    `Run \`${PROGRAM} COMMAND --help\` for a command's options.`,
    '',
    'Exit codes: 0 done, 1 the API refused or failed, 2 wrong command line, 3 API unreachable.',
    '',
  ].join('\n');
}

export function commandHelp(command: CliCommand): string {
  const names = command.options;
  const label = (name: OptionName) => {
    const spec = OPTION_SPECS[name];
    const short = 'short' in spec ? `-${spec.short}, ` : '';
    return `${short}--${name}${'value' in spec ? ` ${spec.value}` : ''}`;
  };
  const width = Math.max(...names.map((name) => label(name).length));
  return [
    `Usage: ${PROGRAM} ${command.name}${command.usage ? ` ${command.usage}` : ''} [options]`,
    '',
    command.summary,
    '',
    'Options:',
    ...names.map((name) => `  ${label(name).padEnd(width)}  ${OPTION_SPECS[name].help}`),
    '',
    'Examples:',
    ...command.examples.map((example) => `  ${example}`),
    '',
  ].join('\n');
}
