package org.mpcap.reports.cli;

import java.nio.file.Path;
import org.mpcap.reports.model.ReportModel;

/** tables.xlsx from the model (wired to the xlsx writer once it is in main). */
final class XlsxOutput {
    private XlsxOutput() {}

    static void write(ReportModel model, Path target) {
        throw new UnsupportedOperationException("the xlsx writer is not in this build yet");
    }
}
