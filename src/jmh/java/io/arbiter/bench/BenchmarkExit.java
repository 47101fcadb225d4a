package io.arbiter.bench;

import java.util.concurrent.Callable;

/**
 * How every exec-run benchmark ends: exit 0 when it ran and met what it checks, 1 otherwise, so that Maven's exec step
 * (and whoever runs it) sees a failed or broken benchmark; {@code System.exit} because the application it started keeps
 * non-daemon threads.
 */
public final class BenchmarkExit {

    private BenchmarkExit() {
    }

    /** Runs the benchmark and exits with its verdict; a failure is printed with its stack trace. */
    public static void after(Callable<Boolean> benchmark) {
        int exit;
        try {
            exit = benchmark.call() ? 0 : 1;
        } catch (Throwable e) { // an OutOfMemoryError too: the started application would otherwise keep the JVM alive
            e.printStackTrace();
            exit = 1;
        }
        System.exit(exit);
    }
}
