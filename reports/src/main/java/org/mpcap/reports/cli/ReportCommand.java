package org.mpcap.reports.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Placeholder: {@code mpcap report} is not implemented yet. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "(not implemented yet)")
final class ReportCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("mpcap report is not implemented yet");
    }
}
