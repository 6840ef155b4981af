package dev.statekeeper.cli.support;

import dev.statekeeper.core.archive.LoadMode;
import dev.statekeeper.core.domain.LoopStatus;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.PlanStatus;
import dev.statekeeper.core.domain.Retention;
import dev.statekeeper.core.domain.SessionStatus;
import dev.statekeeper.core.domain.SpecStatus;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.doctor.Severity;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.util.function.Function;

/** Option values parsed by the domain's own rules, so a bad one is a usage error naming what is allowed. */
public final class Converters {
    private Converters() {
    }

    /** Registers the converters on the command and every subcommand; call after the tree is built. */
    public static void register(CommandLine commandLine) {
        commandLine.registerConverter(LoopType.class, domain(LoopType::parse));
        commandLine.registerConverter(LoopStatus.class, domain(LoopStatus::parse));
        commandLine.registerConverter(SpecStatus.class, domain(SpecStatus::parse));
        commandLine.registerConverter(PlanStatus.class, domain(PlanStatus::parse));
        commandLine.registerConverter(SessionStatus.class, domain(SessionStatus::parse));
        commandLine.registerConverter(LoadMode.class, domain(LoadMode::parse));
        commandLine.registerConverter(Duration.class, domain(text -> Retention.parseDuration("duration", text)));
        commandLine.registerConverter(Severity.class, text -> Severity.parse(text).orElseThrow(() ->
                new TypeConversionException("'" + text + "' is not a severity: use P0, P1, P2 or P3")));
    }

    private static <T> ITypeConverter<T> domain(Function<String, T> parse) {
        return text -> {
            try {
                return parse.apply(text);
            } catch (StatekeeperException e) {
                String rule = e.violations().isEmpty() ? e.getMessage() : e.violations().getFirst().rule();
                throw new TypeConversionException("'" + text + "' " + rule);
            }
        };
    }
}
