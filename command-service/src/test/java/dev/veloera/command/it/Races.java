package dev.veloera.command.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Many threads released at once on the same work, waited for; the time they took is printed (a figure, not a check). */
final class Races {

    interface ThreadWork<T> {
        T run(int thread) throws Exception;
    }

    private Races() {
    }

    /** Runs {@code threads} copies of {@code work} released together; answers their results in thread order. */
    static <T> List<T> race(int threads, ThreadWork<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                runs.add(pool.submit((Callable<T>) () -> {
                    start.await();
                    return work.run(thread);
                }));
            }
            long started = System.nanoTime();
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> run : runs) {
                results.add(run.get());
            }
            System.out.printf("race: %d threads done in %d ms%n", threads, (System.nanoTime() - started) / 1_000_000);
            return results;
        } finally {
            pool.shutdown();
        }
    }
}
