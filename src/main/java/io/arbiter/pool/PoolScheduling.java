package io.arbiter.pool;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs the monthly contribution ({@code arbiter.pool.client.contribution-cron}). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PoolScheduling {
}
