package org.mpcap.reports.output;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * Writes output files and directories so that readers never see a partial result: content goes to a hidden
 * temporary sibling that is renamed onto the target when complete. A failed write deletes its temporary and
 * leaves any previous target untouched. There is no fsync: this protects against failed and interrupted runs,
 * not against power loss.
 *
 * <p>Temporaries are named so that a reader knows what they are and whose they are:
 * {@code .NAME.mpcap-tmp-PID-RANDOM} (a file being written), {@code .NAME.mpcap-staging-PID-RANDOM} (an output
 * directory being built), {@code .NAME.mpcap-old-PID-RANDOM} (the previous OUTDIR moved aside during
 * {@code --force}). A run killed hard ({@code kill -9}, power cut in a VM) cannot delete them; the next run
 * writing the same target deletes those whose process ({@code PID}) is gone ({@link #cleanStale}).
 *
 * <p>Every failure is an {@link OutputException} with a one-line message naming the path and what to do.
 *
 * <p>Temporaries are created with the default permissions (umask), like a plain {@code Files.newOutputStream}.
 */
public final class AtomicOutput {

    /** A body that writes to {@code T} and may throw {@link IOException}. */
    @FunctionalInterface
    public interface IoConsumer<T> {
        void accept(T t) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicOutput() {}

    /**
     * Creates or replaces the file {@code target} with what {@code body} writes. Missing parent directories
     * are created. The stream given to {@code body} is buffered and closed by this method; {@code body} must
     * not close it.
     *
     * @throws IOException if {@code target} is a directory, or from creating, writing or renaming (the
     *                     temporary is deleted and the old target, if any, is unchanged); a RuntimeException
     *                     thrown by {@code body} is rethrown after the same clean-up
     */
    public static void write(Path target, IoConsumer<OutputStream> body) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw new OutputException(target + ": is a directory, expected a file; choose another output file");
        }
        Path parent = abs.getParent();
        createDirectories(target, parent);
        cleanStale(parent, abs.getFileName().toString());
        Path tmp;
        try {
            tmp = createTempFile(parent, abs.getFileName().toString());
        } catch (IOException e) {
            throw describe(target, e);
        }
        try {
            try (OutputStream os = new BufferedOutputStream(new OutputFailures(target, Files.newOutputStream(tmp,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)), 1 << 16)) {
                body.accept(os);
            }
            try {
                move(tmp, abs);
            } catch (IOException e) {
                throw describe(target, e);
            }
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            // Writing and renaming failed as OutputException; any other IOException is the body's own (e.g. a
            // capture it reads while writing) and keeps its meaning.
            throw e;
        }
    }

    /** The file stream under the buffer: its failures (disk full, I/O error) become {@link OutputException}s. */
    private static final class OutputFailures extends java.io.FilterOutputStream {
        private final Path target;

        OutputFailures(Path target, OutputStream out) {
            super(out);
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw describe(target, e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw describe(target, e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw describe(target, e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                out.close();
            } catch (IOException e) {
                throw describe(target, e);
            }
        }
    }

    /**
     * Like {@link #write(Path, IoConsumer)} with a UTF-8 {@link Writer} (buffered, unsynchronized: {@link Utf8Writer};
     * flushed by this method, which closes the file).
     */
    public static void writeText(Path target, IoConsumer<Writer> body) throws IOException {
        write(target, os -> {
            Writer w = new Utf8Writer(os);
            body.accept(w);
            w.flush();
        });
    }

    /** Creates or replaces {@code target} with {@code text} in UTF-8. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, os -> os.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Marker of every temporary name: {@code .NAME.mpcap-KIND-PID-RANDOM}. */
    private static final String MARK = ".mpcap-";
    private static final long PID = ProcessHandle.current().pid();

    private static String tempName(String name, String kind) {
        return "." + name + MARK + kind + "-" + PID + "-" + randomSuffix();
    }

    /**
     * Deletes the temporaries of {@code name} in {@code dir} left by runs that no longer exist (killed before
     * they could clean up), never those of a live process. Failures are ignored: this is housekeeping, and a
     * temporary that cannot be deleted is retried by the next run.
     *
     * @return the number of temporaries deleted
     */
    public static int cleanStale(Path dir, String name) {
        String prefix = "." + name + MARK;
        int deleted = 0;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, p -> p.getFileName().toString()
                .startsWith(prefix))) {
            for (Path p : s) {
                String rest = p.getFileName().toString().substring(prefix.length()); // KIND-PID-RANDOM
                String[] parts = rest.split("-");
                if (parts.length != 3 || !(parts[0].equals("tmp") || parts[0].equals("staging")
                        || parts[0].equals("old"))) continue;
                long pid;
                try {
                    pid = Long.parseLong(parts[1]);
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid == PID || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) continue;
                try {
                    deleteRecursively(p);
                    deleted++;
                } catch (IOException | RuntimeException ignored) {
                    // retried next time
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // no directory listing: nothing to clean
        }
        return deleted;
    }

    /** Creates {@code dir} and its parents, with a message that names what is in the way. */
    private static void createDirectories(Path shown, Path dir) throws OutputException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            for (Path p = dir; p != null; p = p.getParent()) {
                if (Files.exists(p) && !Files.isDirectory(p)) {
                    throw new OutputException(shown + ": cannot create the output: " + p
                            + " is a file, not a directory; choose another output path", e);
                }
            }
            throw describe(shown, e);
        }
    }

    /** The one-line output error for {@code e} while writing {@code target}. */
    static OutputException describe(Path target, IOException e) {
        if (e instanceof OutputException oe) return oe;
        String what;
        if (e instanceof java.nio.file.AccessDeniedException) {
            what = "permission denied; choose a writable location";
        } else if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            what = fse.getReason() + (fse.getFile() != null && !fse.getFile().equals(target.toString())
                    ? " (" + fse.getFile() + ")" : "");
        } else {
            what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return new OutputException(target + ": cannot write the output: " + what, e);
    }

    private static Path createTempFile(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve(tempName(name, "tmp"));
            try {
                Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) throw e;
            }
        }
    }

    private static String randomSuffix() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Renames {@code from} onto {@code to}: atomically where the file system can, else replacing. */
    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Removes the previous OUTDIR after a commit; tests replace it to simulate an undeletable old report. */
    static IoConsumer<Path> oldRemover = AtomicOutput::deleteRecursively;

    /** Deletes {@code p} and, if it is a directory, everything below it (symbolic links are not followed). */
    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(q);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        }
    }

    /**
     * An output directory built in a hidden sibling ({@code .NAME.mpcap-staging-PID-RANDOM}) and moved into place by
     * {@link #commit()}, so that {@code OUTDIR} holds either the complete old or the complete new result.
     * Use with try-with-resources: {@link #close()} without a commit deletes the staging directory.
     *
     * <pre>{@code
     * try (var dir = AtomicOutput.StagedDirectory.create(outDir, force)) {
     *     AtomicOutput.writeString(dir.resolve("index.html"), html);
     *     dir.commit();
     * }
     * }</pre>
     */
    public static final class StagedDirectory implements AutoCloseable {
        private final Path target;
        private final Path staging;
        private final boolean force;
        private boolean committed;
        private boolean closed;

        private StagedDirectory(Path target, Path staging, boolean force) {
            this.target = target;
            this.staging = staging;
            this.force = force;
        }

        /**
         * Starts staging {@code outDir}. An existing empty directory is always replaceable; an existing
         * non-empty directory only with {@code force} (checked here, so a run fails before doing work, and
         * again at commit). Missing parent directories are created.
         *
         * @throws OutputException with a one-line message naming {@code outDir} and suggesting
         *                                    --force, if it is a non-empty directory and {@code force} is false
         * @throws IOException                if {@code outDir} exists and is not a directory (never replaced,
         *                                    even with force), or the staging directory cannot be created
         */
        public static StagedDirectory create(Path outDir, boolean force) throws IOException {
            Path abs = outDir.toAbsolutePath().normalize();
            Path parent = abs.getParent();
            if (parent == null) throw new OutputException(outDir + ": cannot use the root directory as output");
            checkReplaceable(outDir, abs, force);
            createDirectories(outDir, parent);
            cleanStale(parent, abs.getFileName().toString());
            for (int attempt = 0; ; attempt++) {
                Path staging = parent.resolve(tempName(abs.getFileName().toString(), "staging"));
                try {
                    Files.createDirectory(staging);
                    return new StagedDirectory(abs, staging, force);
                } catch (FileAlreadyExistsException e) {
                    if (attempt > 100) throw describe(outDir, e);
                } catch (IOException e) {
                    throw describe(outDir, e);
                }
            }
        }

        private static void checkReplaceable(Path shown, Path abs, boolean force) throws IOException {
            for (Path p = abs.getParent(); p != null; p = p.getParent()) {
                if (Files.exists(p) && !Files.isDirectory(p)) {
                    throw new OutputException(shown + ": cannot create the output directory: " + p
                            + " is a file, not a directory; choose another -o");
                }
            }
            if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) return;
            if (!Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
                throw new OutputException(shown + ": exists and is not a directory; choose another output "
                        + "directory (-o)");
            }
            if (!force && !isEmptyDirectory(abs)) {
                throw new OutputException(shown + ": output directory exists and is not empty; add --force to "
                        + "replace it, or choose another -o");
            }
        }

        /** The staging directory: write everything here (it becomes {@link #target()} at commit). */
        public Path path() { return staging; }

        /** {@code path().resolve(relative)}. */
        public Path resolve(String relative) { return staging.resolve(relative); }

        /** The final directory. */
        public Path target() { return target; }

        /**
         * Moves the staging directory to the target. An existing target is first renamed aside, then deleted
         * only after the new directory is in place; if the final rename fails the old directory is put back.
         * Not being able to delete the old directory afterwards does not fail the commit (the new output is in
         * place): the returned warning says where the rest of it is.
         *
         * @return null, or a one-sentence warning that the old directory could not be deleted entirely
         * @throws IllegalStateException if already committed or closed
         * @throws IOException           if the target appeared meanwhile and may not be replaced, or a rename
         *                               fails (the staging directory is kept until {@link #close()})
         */
        public String commit() throws IOException {
            if (committed || closed) throw new IllegalStateException("staged directory already committed or closed");
            checkReplaceable(target, target, force);
            Path aside = null;
            try {
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    aside = target.resolveSibling(tempName(target.getFileName().toString(), "old"));
                    Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException e) {
                throw new OutputException(target + ": cannot move the previous output directory aside ("
                        + describe(target, e).getMessage().replace(target + ": cannot write the output: ", "")
                        + "); remove it or choose another -o", e);
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                if (aside != null) {
                    try {
                        Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
                    } catch (IOException restore) {
                        e.addSuppressed(restore);
                    }
                }
                if (e instanceof IOException io) throw describe(target, io);
                throw e;
            }
            committed = true;
            if (aside == null) return null;
            try {
                oldRemover.accept(aside);
                return null;
            } catch (IOException | RuntimeException e) {
                // The new output is in place: not a failure of this run. The next run deletes it (cleanStale).
                String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                        : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                return "the previous " + target.getFileName() + " was replaced but could not be deleted entirely ("
                        + why + "): what is left is in " + aside + "; delete it by hand (the next run retries)";
            }
        }

        /** Deletes the staging directory unless committed. Idempotent. */
        @Override
        public void close() throws IOException {
            if (closed) return;
            closed = true;
            if (!committed) {
                try {
                    deleteRecursively(staging);
                } catch (NoSuchFileException ignored) {
                    // already gone
                }
            }
        }
    }
}
