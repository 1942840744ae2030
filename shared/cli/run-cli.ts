// The CLI from argv to exit code: parse, pick the command, resolve the API (local or signed), run,
// and turn expected failures into one message on stderr.
import { resolveApiTarget } from './api-target';
import { CLI_COMMANDS } from './cli-commands';
import { CliError, EXIT_CODES, usageError } from './cli-error';
import { commandHelp, generalHelp, PROGRAM } from './cli-help';
import type { CliIo } from './cli-io';
import { checkAllowed, parseCommandLine } from './cli-options';
import { createInventoryClient } from './inventory-client';

/**
 * @example
 * // resource-inventory list --type AWS::S3::Bucket --output json
 * const code = await runCli(['list', '--type', 'AWS::S3::Bucket', '--output', 'json'], processIo());
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const { command: name, positionals, options } = parseCommandLine(argv);
    if (name === undefined || name === 'help') {
      const topic = CLI_COMMANDS.find((command) => command.name === positionals[0]);
      await io.write(topic ? commandHelp(topic) : generalHelp(CLI_COMMANDS));
      return name === undefined && !options.help ? EXIT_CODES.usage : 0;
    }
    const command = CLI_COMMANDS.find((candidate) => candidate.name === name);
    if (!command) {
      throw usageError(
        `unknown command '${name}'; the commands are ${CLI_COMMANDS.map((c) => c.name).join(', ')}`,
      );
    }
    if (options.help) {
      await io.write(commandHelp(command));
      return 0;
    }
    checkAllowed(command.name, options, command.options);
    const [min, max] = command.args;
    if (positionals.length < min || positionals.length > max) {
      throw usageError(
        `\`${PROGRAM} ${command.name}${command.usage ? ` ${command.usage}` : ''}\` takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}; got ${positionals.length}`,
      );
    }
    const target = resolveApiTarget({
      api: options.api,
      sign: !!options.sign,
      signingRegion: options['signing-region'],
      profile: options.profile,
      env: io.env,
      cwd: io.cwd,
    });
    await command.run({ client: createInventoryClient(target), options, args: positionals, io });
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      io.note(`${PROGRAM}: ${error.message}`);
      return error.exitCode;
    }
    throw error;
  }
}
