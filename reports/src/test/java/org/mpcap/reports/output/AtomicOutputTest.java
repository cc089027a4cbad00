package org.mpcap.reports.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {
    @TempDir
    Path dir;

    private List<String> listing(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writeCreatesFileWithContent() throws IOException {
        Path f = dir.resolve("sub/out.csv");
        AtomicOutput.writeString(f, "a,b\r\n");
        assertThat(Files.readString(f)).isEqualTo("a,b\r\n");
        assertThat(listing(f.getParent())).containsExactly("out.csv");
    }

    @Test
    void writeReplacesExistingFile() throws IOException {
        Path f = dir.resolve("out.txt");
        Files.writeString(f, "old content that is longer");
        AtomicOutput.writeText(f, w -> w.write("new"));
        assertThat(Files.readString(f)).isEqualTo("new");
        assertThat(listing(dir)).containsExactly("out.txt");
    }

    @Test
    void failingBodyLeavesNoPartialFile() {
        Path f = dir.resolve("out.bin");
        assertThatThrownBy(() -> AtomicOutput.write(f, os -> {
            os.write(new byte[100_000]);
            throw new IOException("disk full");
        })).hasMessage("disk full"); // the body's own failure is passed on as it is
        assertThat(f).doesNotExist();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void failingBodyKeepsPreviousFile() throws IOException {
        Path f = dir.resolve("out.txt");
        Files.writeString(f, "previous");
        assertThatThrownBy(() -> AtomicOutput.write(f, os -> {
            os.write("partial".getBytes(StandardCharsets.UTF_8));
            throw new IllegalStateException("bug");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(Files.readString(f)).isEqualTo("previous");
        assertThat(listing(dir)).containsExactly("out.txt");
    }

    @Test
    void writeRefusesDirectoryTarget() throws IOException {
        Path d = Files.createDirectory(dir.resolve("d"));
        assertThatThrownBy(() -> AtomicOutput.writeString(d, "x")).isInstanceOf(IOException.class)
                .hasMessageContaining("is a directory");
    }

    @Test
    void stagedDirectoryCommitMovesContentIntoPlace() throws IOException {
        Path out = dir.resolve("report");
        try (AtomicOutput.StagedDirectory s = AtomicOutput.StagedDirectory.create(out, false)) {
            AtomicOutput.writeString(s.resolve("index.html"), "<p>hi</p>");
            assertThat(out).doesNotExist();
            assertThat(s.path().getParent()).isEqualTo(dir.toAbsolutePath());
            assertThat(s.path().getFileName().toString()).startsWith(".report.");
            s.commit();
        }
        assertThat(Files.readString(out.resolve("index.html"))).isEqualTo("<p>hi</p>");
        assertThat(listing(dir)).containsExactly("report");
    }

    @Test
    void stagedDirectoryCloseWithoutCommitRollsBack() throws IOException {
        Path out = dir.resolve("report");
        try (AtomicOutput.StagedDirectory s = AtomicOutput.StagedDirectory.create(out, false)) {
            AtomicOutput.writeString(s.resolve("a/b.txt"), "x");
        }
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void stagedDirectoryRefusesNonEmptyDirectoryWithoutForce() throws IOException {
        Path out = Files.createDirectory(dir.resolve("report"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        assertThatThrownBy(() -> AtomicOutput.StagedDirectory.create(out, false))
                .isInstanceOf(OutputException.class)
                .hasMessage(out + ": output directory exists and is not empty; add --force to replace it, or "
                        + "choose another -o");
        assertThat(Files.readString(out.resolve("keep.txt"))).isEqualTo("mine");
        assertThat(listing(dir)).containsExactly("report");
    }

    @Test
    void stagedDirectoryReplacesEmptyDirectoryWithoutForce() throws IOException {
        Path out = Files.createDirectory(dir.resolve("report"));
        try (AtomicOutput.StagedDirectory s = AtomicOutput.StagedDirectory.create(out, false)) {
            AtomicOutput.writeString(s.resolve("x.txt"), "x");
            s.commit();
        }
        assertThat(listing(out)).containsExactly("x.txt");
    }

    @Test
    void stagedDirectoryWithForceReplacesOldDirectoryOnCommitOnly() throws IOException {
        Path out = Files.createDirectory(dir.resolve("report"));
        Files.writeString(out.resolve("old.txt"), "old");
        try (AtomicOutput.StagedDirectory s = AtomicOutput.StagedDirectory.create(out, true)) {
            AtomicOutput.writeString(s.resolve("new.txt"), "new");
            assertThat(listing(out)).containsExactly("old.txt");
            s.commit();
        }
        assertThat(listing(out)).containsExactly("new.txt");
        assertThat(listing(dir)).containsExactly("report");
    }

    @Test
    void stagedDirectoryWithForceKeepsOldDirectoryWhenNotCommitted() throws IOException {
        Path out = Files.createDirectory(dir.resolve("report"));
        Files.writeString(out.resolve("old.txt"), "old");
        try (AtomicOutput.StagedDirectory s = AtomicOutput.StagedDirectory.create(out, true)) {
            AtomicOutput.writeString(s.resolve("new.txt"), "new");
        }
        assertThat(listing(out)).containsExactly("old.txt");
        assertThat(listing(dir)).containsExactly("report");
    }

    @Test
    void stagedDirectoryRefusesRegularFileEvenWithForce() throws IOException {
        Path out = Files.writeString(dir.resolve("report"), "a file");
        assertThatThrownBy(() -> AtomicOutput.StagedDirectory.create(out, true))
                .isInstanceOf(IOException.class).hasMessageContaining("not a directory");
        assertThat(Files.readString(out)).isEqualTo("a file");
    }

    @Test
    void stagedDirectoryCommitTwiceIsAnError() throws IOException {
        try (AtomicOutput.StagedDirectory s = AtomicOutput.StagedDirectory.create(dir.resolve("r"), false)) {
            s.commit();
            assertThatThrownBy(s::commit).isInstanceOf(IllegalStateException.class);
        }
    }

    /** A pid no process has (Linux pids stay below 2^22). */
    private static final long DEAD_PID = 1L << 40;

    @Test
    void staleTemporariesOfDeadRunsAreDeletedByTheNextRun() throws IOException {
        Path staging = Files.createDirectories(dir.resolve(".report.mpcap-staging-" + DEAD_PID + "-0a0b0c"));
        Files.writeString(staging.resolve("index.html"), "half");
        Path old = Files.createDirectories(dir.resolve(".report.mpcap-old-" + DEAD_PID + "-0d0e0f"));
        Path tmp = Files.writeString(dir.resolve(".x.csv.mpcap-tmp-" + DEAD_PID + "-010203"), "half");
        long live = ProcessHandle.current().parent().orElseThrow().pid();
        Path alive = Files.createDirectories(dir.resolve(".report.mpcap-staging-" + live + "-040506"));
        Path other = Files.createDirectories(dir.resolve(".report.not-ours"));
        try (var d = AtomicOutput.StagedDirectory.create(dir.resolve("report"), false)) {
            assertThat(d.path().getFileName().toString())
                    .startsWith(".report.mpcap-staging-" + ProcessHandle.current().pid() + "-");
        }
        AtomicOutput.writeString(dir.resolve("x.csv"), "a\n");
        assertThat(staging).doesNotExist();
        assertThat(old).doesNotExist();
        assertThat(tmp).doesNotExist();
        assertThat(alive).exists(); // another run still working
        assertThat(other).exists();
    }

    @Test
    void forceWithAnOldReportThatCannotBeDeletedKeepsTheNewOneAndWarns() throws IOException {
        Path out = Files.createDirectory(dir.resolve("report"));
        Files.writeString(out.resolve("old.txt"), "old");
        var saved = AtomicOutput.oldRemover;
        AtomicOutput.oldRemover = p -> { throw new java.nio.file.AccessDeniedException(p.toString()); };
        String warning;
        try (var d = AtomicOutput.StagedDirectory.create(out, true)) {
            Files.writeString(d.resolve("new.txt"), "new");
            warning = d.commit();
        } finally {
            AtomicOutput.oldRemover = saved;
        }
        assertThat(Files.readString(out.resolve("new.txt"))).isEqualTo("new");
        assertThat(warning).contains("could not be deleted").contains("permission denied")
                .contains(".report.mpcap-old-");
    }
}
