package org.mpcap.reports.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
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
        })).hasMessage("disk full");
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
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessage(out + ": output directory exists and is not empty; use --force to replace it");
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
}
