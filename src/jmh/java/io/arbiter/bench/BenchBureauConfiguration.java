package io.arbiter.bench;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Adds the bench-only provider {@code down} to the real application (see {@link BureauLoadBenchmark}). */
@Configuration(proxyBeanMethods = false)
class BenchBureauConfiguration {

    @Bean
    SwitchableProvider downProvider(@Value("${bench.down.answering:false}") boolean answering,
            @Value("${bench.down.delay:0ms}") Duration delay) {
        return new SwitchableProvider("down", answering, delay);
    }
}
