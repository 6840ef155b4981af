package dev.statekeeper.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs several workers so that they start at the same moment, the way concurrency tests need them to. */
public final class Together {
    private Together() {
    }

    /** Work for one worker, given its index. */
    @FunctionalInterface
    public interface Worker<T> {
        T run(int worker) throws Exception;
    }

    /** Starts all workers at once and returns what each returned, in order; rethrows the first failure. */
    public static <T> List<T> run(int workers, Worker<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            CyclicBarrier start = new CyclicBarrier(workers);
            List<Future<T>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int index = w;
                Callable<T> task = () -> {
                    start.await();
                    return work.run(index);
                };
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
