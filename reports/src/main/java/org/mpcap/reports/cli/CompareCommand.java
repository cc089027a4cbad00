package org.mpcap.reports.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Placeholder: {@code mpcap compare} is not implemented yet. */
@Command(name = "compare", mixinStandardHelpOptions = true, description = "(not implemented yet)")
final class CompareCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("mpcap compare is not implemented yet");
    }
}
