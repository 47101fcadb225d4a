package io.arbiter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Arbiter: credit decisions, credit limits and collection actions for B2B suppliers, from a credit policy that
 * finance staff keep in Drools decision tables.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ArbiterApplication {

    public static void main(String[] args) {
        SpringApplication.run(ArbiterApplication.class, args);
    }
}
