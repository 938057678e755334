import { CommandRunner } from 'nest-commander';

type CommanderCommand = Parameters<CommandRunner['setCommand']>[0];

/**
 * What every command of the CLI extends. nest-commander hands errors to main's handler through the
 * root program only (it sets `exitOverride` there, after building the subcommands), so a
 * subcommand's `--help` or usage error would call `process.exit` itself, before the application
 * closes: an embedded server the run started stayed running. Each command throws instead, and main
 * closes the application (stopping that server) before it exits with commander's code.
 */
export abstract class OperatorCommand extends CommandRunner {
  override setCommand(command: CommanderCommand): this {
    command.exitOverride((error) => {
      throw error;
    });
    return super.setCommand(command);
  }
}
