package dev.slamonitor.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM the harness starts, kills (SIGKILL), freezes (SIGSTOP) and thaws (SIGCONT): the same classpath
 * as the harness, its own main class, arguments, environment and log file.
 */
final class ChildProcess {

    private final String name;
    private final List<String> command;
    private final Map<String, String> env;
    private final Path log;
    private Process process;
    private volatile boolean frozen;

    ChildProcess(String name, String mainClass, List<String> args, Map<String, String> env, String heap, Path log) {
        this.name = name;
        this.env = env;
        this.log = log;
        this.command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                mainClass));
        this.command.addAll(args);
    }

    String name() {
        return name;
    }

    synchronized void start() {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
        frozen = false;
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    boolean isFrozen() {
        return frozen;
    }

    /** kill -9: no shutdown hook, no leave-group, open transaction left behind. */
    synchronized void kill() throws InterruptedException {
        if (process != null) {
            if (frozen) {
                signal("CONT");
            }
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** SIGTERM and wait: a normal stop. */
    synchronized void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            if (frozen) {
                signal("CONT");
            }
            process.destroy();
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    synchronized void freeze() {
        signal("STOP");
        frozen = true;
    }

    synchronized void thaw() {
        signal("CONT");
        frozen = false;
    }

    private void signal(String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).redirectOutput(new File("/dev/null"))
                    .start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot send SIG" + signal + " to " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
