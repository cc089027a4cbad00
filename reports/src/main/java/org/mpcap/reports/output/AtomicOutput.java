package org.mpcap.reports.output;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
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
 * temporary sibling ({@code .NAME.RANDOM.tmp}) that is renamed onto the target when complete. A failed write
 * deletes its temporary and leaves any previous target untouched. There is no fsync: this protects against
 * failed and interrupted runs, not against power loss.
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
        if (Files.isDirectory(abs)) throw new IOException(target + ": is a directory, expected a file");
        Path parent = abs.getParent();
        Files.createDirectories(parent);
        Path tmp = createTempFile(parent, abs.getFileName().toString());
        try {
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING), 1 << 16)) {
                body.accept(os);
            }
            move(tmp, abs);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Like {@link #write(Path, IoConsumer)} with a UTF-8 {@link Writer} (buffered, closed by this method).
     */
    public static void writeText(Path target, IoConsumer<Writer> body) throws IOException {
        write(target, os -> {
            Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
            body.accept(w);
            w.flush();
        });
    }

    /** Creates or replaces {@code target} with {@code text} in UTF-8. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, os -> os.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static Path createTempFile(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + name + "." + randomSuffix() + ".tmp");
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
     * An output directory built in a hidden sibling ({@code .NAME.RANDOM.tmp}) and moved into place by
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
         * @throws FileAlreadyExistsException with a one-line message naming {@code outDir} and suggesting
         *                                    --force, if it is a non-empty directory and {@code force} is false
         * @throws IOException                if {@code outDir} exists and is not a directory (never replaced,
         *                                    even with force), or the staging directory cannot be created
         */
        public static StagedDirectory create(Path outDir, boolean force) throws IOException {
            Path abs = outDir.toAbsolutePath().normalize();
            checkReplaceable(outDir, abs, force);
            Path parent = abs.getParent();
            if (parent == null) throw new IOException(outDir + ": cannot use the root directory as output");
            Files.createDirectories(parent);
            for (int attempt = 0; ; attempt++) {
                Path staging = parent.resolve("." + abs.getFileName() + "." + randomSuffix() + ".tmp");
                try {
                    Files.createDirectory(staging);
                    return new StagedDirectory(abs, staging, force);
                } catch (FileAlreadyExistsException e) {
                    if (attempt > 100) throw e;
                }
            }
        }

        private static void checkReplaceable(Path shown, Path abs, boolean force) throws IOException {
            if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) return;
            if (!Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(shown.toString(), null,
                        "exists and is not a directory; choose another output directory");
            }
            if (!force && !isEmptyDirectory(abs)) {
                throw new FileAlreadyExistsException(shown.toString(), null,
                        "output directory exists and is not empty; use --force to replace it");
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
         *
         * @throws IllegalStateException if already committed or closed
         * @throws IOException           if the target appeared meanwhile and may not be replaced, or a rename
         *                               fails (the staging directory is kept until {@link #close()})
         */
        public void commit() throws IOException {
            if (committed || closed) throw new IllegalStateException("staged directory already committed or closed");
            checkReplaceable(target, target, force);
            Path aside = null;
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                aside = target.resolveSibling("." + target.getFileName() + "." + randomSuffix() + ".old");
                Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
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
                throw e;
            }
            committed = true;
            if (aside != null) deleteRecursively(aside);
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
