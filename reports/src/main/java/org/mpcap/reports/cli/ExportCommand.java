package org.mpcap.reports.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Placeholder: {@code mpcap export} is not implemented yet. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "(not implemented yet)")
final class ExportCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("mpcap export is not implemented yet");
    }
}
