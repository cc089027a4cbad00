package org.mpcap.reports.live;

import java.io.IOException;

/** A capture that cannot start or go on: one line saying what happened and what to do. */
public final class LiveException extends IOException {
    public LiveException(String message) {
        super(message);
    }

    public LiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
