package org.mpcap.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The {@code ./mpcap} launcher on a copy of the repository, as a user meets it: a first run on a fresh clone from
 * two terminals at once, a build killed part-way, and a jar left without its manifest. Each step runs real Maven
 * builds of the copy (about 20 s each on an idle 2-core machine); the steps build on one another, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherScriptTest {

    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(6);
    /** What is not copied: build outputs, launcher state, history, test sources and the sample captures. */
    private static final Set<String> SKIPPED = Set.of("target", ".git", ".mpcap", "sample-pcaps", "test");

    private static Path repo;

    @BeforeAll
    static void copyRepository() throws IOException {
        Path source = findRepositoryRoot();
        assumeTrue(source != null, "skipped: the repository root (with ./mpcap) was not found from the test's folder");
        assumeTrue(onPath("mvn") && onPath("bash"), "skipped: the launcher test needs mvn and bash on PATH");
        repo = Files.createTempDirectory("mpcap-launcher-test");
        copyTree(source, repo);
    }

    @AfterAll
    static void deleteCopy() throws IOException {
        if (repo != null) {
            deleteTree(repo);
        }
    }

    @Test
    @Order(1)
    void twoLaunchersStartedTogetherOnAFreshCloneBothRunAndBuildOnce() throws Exception {
        Process first = launcher("--version").start();
        Process second = launcher("--version").start();

        Result a = finish(first);
        Result b = finish(second);

        assertThat(a.exitCode).as(a.toString()).isZero();
        assertThat(b.exitCode).as(b.toString()).isZero();
        assertThat(a.stdout).startsWith("mpcap");
        assertThat(b.stdout).startsWith("mpcap");
        // The second waited for the first build and used it, rather than building into the same target/ at once.
        assertThat(countBuilds(a) + countBuilds(b)).isEqualTo(1);
    }

    @Test
    @Order(2)
    void aBuildKilledPartWayIsRedoneByTheNextCall() throws Exception {
        Path source = repo.resolve("reports/src/main/java/org/mpcap/reports/cli/Main.java");
        Path compiled = repo.resolve("reports/target/classes/org/mpcap/reports/cli/Main.class");
        FileTime edited = FileTime.from(Instant.now());
        Files.setLastModifiedTime(source, edited);

        Process build = launcher("--version").start();
        // Kill the whole launcher (bash, Maven and its JVM) with SIGKILL once the reports module has been compiled
        // again, before the runnable jar is packed: no trap runs, as after a closed terminal or a timeout.
        waitUntil(() -> Files.exists(compiled) && Files.getLastModifiedTime(compiled).compareTo(edited) >= 0, build);
        killTree(build);
        assertThat(build.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(build.exitValue()).as("the build was killed before it finished").isNotZero();

        Result next = finish(launcher("--version").start());

        assertThat(next.exitCode).as(next.toString()).isZero();
        assertThat(next.stdout).startsWith("mpcap");
        assertThat(countBuilds(next)).isEqualTo(1);
        assertThat(repo.resolve(".mpcap/build-incomplete")).doesNotExist();
        try (var leftovers = Files.list(repo.resolve(".mpcap"))) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("tmp."));
        }
    }

    @Test
    @Order(3)
    void aJarWithoutMainManifestNewerThanTheSourcesIsRebuilt() throws Exception {
        // The state the issue reported: a module jar with no Main-Class where the runnable jar belongs, newer than
        // every source, so that the modification times alone say "up to date".
        Path jar = repo.resolve("reports/target/mpcap.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("org/mpcap/Placeholder.txt"));
            zip.write("no manifest here".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));

        Result next = finish(launcher("--version").start());

        assertThat(next.exitCode).as(next.toString()).isZero();
        assertThat(next.stdout).startsWith("mpcap");
        assertThat(countBuilds(next)).isEqualTo(1);
        assertThat(finish(launcher("--version").start()).stderr).as("the rebuilt jar is trusted").doesNotContain("building");
    }

    @Test
    @Order(4)
    void packagingTwiceWithoutCleanDoesNotShadeTheShadedJarAgain() throws Exception {
        ProcessBuilder mvn = new ProcessBuilder("mvn", "-B", "-DskipTests", "-Dmaven.test.skip=true", "package")
                .directory(repo.toFile());
        Result first = finish(mvn.start());
        assertThat(first.exitCode).as(first.toString()).isZero();

        Result result = finish(mvn.start());

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.stdout).doesNotContain("overlapping classes");
        assertThat(repo.resolve("reports/target/mpcap.jar")).exists();
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static ProcessBuilder launcher(String... args) {
        List<String> command = new ArrayList<>(List.of("bash", repo.resolve("mpcap").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(repo.toFile());
        pb.environment().remove("MPCAP_JAVA_OPTS");
        return pb;
    }

    private static int countBuilds(Result result) {
        return result.stderr.split("mpcap: building", -1).length - 1;
    }

    private record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    private static Result finish(Process process) throws Exception {
        // Read both streams on their own threads: Maven's output could fill a pipe and stall the build.
        var out = new java.util.concurrent.CompletableFuture<String>();
        var err = new java.util.concurrent.CompletableFuture<String>();
        drain(process.getInputStream(), out);
        drain(process.getErrorStream(), err);
        if (!process.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            killTree(process);
            throw new AssertionError("the launcher did not finish within " + BUILD_TIMEOUT);
        }
        return new Result(process.exitValue(), out.get(30, TimeUnit.SECONDS), err.get(30, TimeUnit.SECONDS));
    }

    private static void drain(java.io.InputStream in, java.util.concurrent.CompletableFuture<String> text) {
        Thread reader = new Thread(() -> {
            try (in) {
                text.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.completeExceptionally(e);
            }
        }, "launcher-test-output");
        reader.setDaemon(true);
        reader.start();
    }

    private interface Check {
        boolean holds() throws IOException;
    }

    private static void waitUntil(Check check, Process process) throws Exception {
        long deadline = System.nanoTime() + BUILD_TIMEOUT.toNanos();
        while (!check.holds()) {
            assertThat(process.isAlive()).as("the build ended before the point where the test kills it").isTrue();
            assertThat(System.nanoTime()).as("waiting for the build to reach the kill point").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static Path findRepositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 3 && dir != null; i++, dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mpcap")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        return null;
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(from) && SKIPPED.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
