package io.h2rec.adapter.in.cli;

import io.h2rec.domain.error.ConflictException;
import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.error.NotFoundException;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The command line of every service, one definition of each command (its picocli class) used twice:
 * {@link #preflight} parses and checks the arguments before anything starts (no database, no Quarkus),
 * so help and user mistakes answer at once; the service's Quarkus application then executes the same
 * command with its beans. A user mistake is one line and exit code 2; another failure is one line and
 * exit code 1; the stack trace only with {@code --verbose}.
 */
public final class CliFront {
    /** How users run the commands (README); usage and error lines name it. */
    public static final String LAUNCHER = "deploy/h2rec";
    /** {@link #preflight}'s answer when the command needs the application to run. */
    public static final int PROCEED = -1;
    static final String VERBOSE = "--verbose";
    /** Exit code of a command cut short by a signal (128 + SIGTERM), as a shell reports it. */
    static final int INTERRUPTED = 143;
    /** Whether the JVM is shutting down (a signal): then a failure is the interruption's consequence, not a bug. */
    static BooleanSupplier shuttingDown = () -> ApplicationLifecycleManager.isVmShuttingDown();

    private CliFront() {
    }

    /**
     * A service's main: answers help and mistakes at once; otherwise configures the database
     * ({@code database}: the persistence adapter's bootstrap, which answers a line for the log) and runs
     * the Quarkus application {@code app} (which calls {@link #execute}). A job (any sub-command but
     * {@code serve}) logs warnings and errors only, to stderr (its stdout is for progress and results),
     * with {@code jobProperties} on top.
     */
    public static void main(Class<?> root, Class<? extends QuarkusApplication> app, Map<String, String> jobProperties,
                            Supplier<String> database, String... args) {
        int answered = preflight(commandLine(root, CommandLine.defaultFactory()), args);
        if (answered != PROCEED) {
            System.exit(answered);
        }
        start(app, jobProperties, database, args);
    }

    /**
     * Runs the Quarkus application {@code app} for a command line {@link #preflight} let through: configures
     * the database first, and a job (any sub-command but {@code serve}) logs warnings and errors only.
     */
    public static void start(Class<? extends QuarkusApplication> app, Map<String, String> jobProperties,
                             Supplier<String> database, String... args) {
        if (!(args.length == 0 || "serve".equals(args[0]))) {
            System.setProperty("quarkus.log.level", System.getProperty("quarkus.log.level", "WARN"));
            System.setProperty("quarkus.log.console.stderr", "true");
            jobProperties.forEach(System::setProperty);
        }
        System.err.println("[h2rec] database: " + database.get());
        Quarkus.run(app, args);
    }

    /** Executes the command line inside the running application, commands as beans. */
    public static int execute(Class<?> root, String... args) {
        return commandLine(root, beans()).execute(args);
    }

    /** The root command with its sub-commands, named as the launcher, with {@code --verbose} and the error handling. */
    public static CommandLine commandLine(Class<?> root, CommandLine.IFactory factory) {
        CommandLine cli = new CommandLine(root, factory);
        cli.setCommandName(LAUNCHER);
        cli.getCommandSpec().addOption(OptionSpec.builder(VERBOSE).scopeType(ScopeType.INHERIT)
                .description("On a failure, print the stack trace too.").build());
        return configure(cli);
    }

    /** The one-line error handling on any command line (tests run single commands through it too). */
    public static CommandLine configure(CommandLine cli) {
        cli.setParameterExceptionHandler((e, args) -> usageError(e));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> failure(e, cmd, parsed));
        return cli;
    }

    /** Commands as CDI beans (their use cases injected); a class that is no bean is created plainly. */
    static CommandLine.IFactory beans() {
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                var bean = Arc.container().instance(type);
                return bean.isAvailable() ? bean.get() : CommandLine.defaultFactory().create(type);
            }
        };
    }

    /**
     * Parses {@code args} and runs every {@link Checked#check()} of the commands named, starting nothing.
     *
     * @return the exit code when the command line is answered here (help: 0, a mistake: 2), else {@link #PROCEED}
     */
    public static int preflight(CommandLine cli, String... args) {
        ParseResult parsed;
        try {
            parsed = cli.parseArgs(args);
        } catch (ParameterException e) {
            return usageError(e);
        }
        Integer help = CommandLine.executeHelpRequest(parsed);
        if (help != null) {
            return help;
        }
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            String repeated = repeatedKey(p.matchedOption("--param"));
            if (repeated != null) {
                return usageError(new ParameterException(p.commandSpec().commandLine(), "--param " + repeated
                        + " is given twice; keep one (a map option would silently keep the last)"));
            }
        }
        for (CommandLine command : parsed.asCommandLineList()) {
            if (command.getCommand() instanceof Checked checked) {
                try {
                    checked.check();
                } catch (ParameterException e) {
                    return usageError(e);
                } catch (RuntimeException e) {
                    return failure(e, command, parsed);
                }
            }
        }
        return PROCEED;
    }

    /** The first KEY a KEY=VALUE option names twice on this command line, or null. */
    static String repeatedKey(CommandLine.Model.OptionSpec option) {
        if (option == null) {
            return null;
        }
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (String raw : option.originalStringValues()) {
            String key = raw.contains("=") ? raw.substring(0, raw.indexOf('=')) : raw;
            if (!keys.add(key)) {
                return key;
            }
        }
        return null;
    }

    static int usageError(ParameterException e) {
        CommandLine cmd = e.getCommandLine();
        String line = cmd.getCommandSpec().qualifiedName() + ": " + oneLine(e.getMessage());
        if (e instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            line += " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)";
        }
        PrintWriter err = cmd.getErr();
        err.println(line + "; see " + cmd.getCommandSpec().qualifiedName() + " --help");
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    static int failure(Exception e, CommandLine cmd, ParseResult parsed) {
        if (e instanceof ParameterException p) {
            return usageError(p);
        }
        PrintWriter err = cmd.getErr();
        boolean verbose = verbose(parsed);
        if (verbose) {
            e.printStackTrace(err);
        }
        String name = cmd.getCommandSpec().qualifiedName();
        int code;
        if (shuttingDown.getAsBoolean()) {
            // The store or the container closed under the command (e.g. "EntityManagerFactory is closed"): what
            // the user needs is that it stopped and how to go on; a run it was training is marked INTERRUPTED.
            err.println(name + ": interrupted, the process is shutting down; the same command resumes (finished "
                    + "runs are kept, an interrupted one continues from its last checkpoint)");
            code = INTERRUPTED;
        } else if (userMistake(e)) {
            err.println(name + ": " + oneLine(e.getMessage()));
            code = cmd.getCommandSpec().exitCodeOnInvalidInput();
        } else {
            err.println(name + " failed: " + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage())
                    + (verbose ? "" : " (" + VERBOSE + " prints the stack trace)"));
            code = cmd.getCommandSpec().exitCodeOnExecutionException();
        }
        err.flush();
        return code;
    }

    /**
     * Input the user can fix: a value the domain refuses ({@link InvalidInputException}), an id it does
     * not know ({@link NotFoundException}), a state that forbids the command ({@link ConflictException}),
     * a value a command's own checks refuse (IllegalArgumentException, as the CLI's option checks and
     * plan files throw), or a file that is missing or unreadable.
     */
    static boolean userMistake(Throwable e) {
        return e instanceof InvalidInputException || e instanceof NotFoundException || e instanceof ConflictException
                || e instanceof IllegalArgumentException
                || e instanceof UncheckedIOException u
                && (u.getCause() instanceof NoSuchFileException || u.getCause() instanceof AccessDeniedException);
    }

    static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }

    private static String oneLine(String message) {
        return message == null ? "(no message)" : message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
