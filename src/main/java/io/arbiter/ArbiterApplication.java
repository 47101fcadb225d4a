package io.arbiter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Arbiter: credit decisions, credit limits and collection actions for B2B suppliers, from a credit policy that
 * finance staff keep in Drools decision tables.
 *
 * <p>Scheduling is enabled here, once, for every module's {@code @Scheduled} work (import and simulation heartbeats,
 * promise keeping, the monthly pool contribution).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ArbiterApplication {

    public static void main(String[] args) {
        SpringApplication.run(ArbiterApplication.class, args);
    }
}
