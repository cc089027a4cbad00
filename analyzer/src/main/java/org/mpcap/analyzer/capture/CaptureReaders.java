package org.mpcap.analyzer.capture;

import java.io.IOException;
import java.nio.file.Path;

/** Chooses the reader from the magic bytes. Placeholder until the readers land. */
final class CaptureReaders {
    private CaptureReaders() {}

    static CaptureReader open(Path path) throws IOException {
        throw new CaptureFormatException(0, "capture reading not implemented yet: " + path);
    }
}
