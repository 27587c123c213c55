package dev.harrier.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code harrier} command and its subcommands. */
@Command(
        name = "harrier",
        mixinStandardHelpOptions = true,
        versionProvider = HarrierCommand.Version.class,
        description = "Hunts threats in Windows and SIEM logs with Sigma rules.",
        subcommands = {
            HuntCommand.class,
            CheckCommand.class,
            TestCommand.class,
            DumpCommand.class,
            ConvertCommand.class,
            CommandLine.HelpCommand.class
        })
public final class HarrierCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit status. */
    public static int execute(String... args) {
        return new CommandLine(new HarrierCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(HarrierCommand::reportInvalidOption)
                .execute(args);
    }

    /** Prints an invalid option or input as one line with a pointer to the help, and returns 2. */
    static int reportInvalidOption(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        java.io.PrintWriter err = command.getErr();
        err.println("harrier: " + e.getMessage());
        err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = HarrierCommand.class.getPackage().getImplementationVersion();
            return new String[] {"harrier " + (version == null ? "development build" : version)};
        }
    }
}
