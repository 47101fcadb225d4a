package io.arbiter.shared.jobs;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import jakarta.annotation.PreDestroy;

/** Makes the runner of each kind of job, and stops their threads when the application stops. */
@Component
public class JobRunners {

    private final JdbcClient jdbc;
    private final PlatformTransactionManager transactions;
    private final Clock clock;
    private final List<JobRunner> runners = new CopyOnWriteArrayList<>();

    JobRunners(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    public JobRunner runner(JobKind kind) {
        JobRunner runner = new JobRunner(kind, jdbc, transactions, clock);
        runners.add(runner);
        return runner;
    }

    @PreDestroy
    void stop() {
        runners.forEach(JobRunner::stop);
    }
}
