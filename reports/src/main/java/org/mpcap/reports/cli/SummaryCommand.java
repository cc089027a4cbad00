package org.mpcap.reports.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Placeholder: {@code mpcap summary} is not implemented yet. */
@Command(name = "summary", mixinStandardHelpOptions = true, description = "(not implemented yet)")
final class SummaryCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("mpcap summary is not implemented yet");
    }
}
