package org.mpcap.reports.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Placeholder: {@code mpcap aggregate} is not implemented yet. */
@Command(name = "aggregate", mixinStandardHelpOptions = true, description = "(not implemented yet)")
final class AggregateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("mpcap aggregate is not implemented yet");
    }
}
