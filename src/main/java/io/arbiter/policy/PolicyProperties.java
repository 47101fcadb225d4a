package io.arbiter.policy;

import java.nio.file.Path;
import java.util.Currency;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the policy is read from at start-up, and the currency its amounts are in.
 *
 * @param tablesDirectory decision tables ({@code *.drl.xlsx}, {@code *.drl.xls}, {@code *.drl.csv})
 * @param rulesDirectory developer-written DRL ({@code *.drl})
 */
@ConfigurationProperties("arbiter.policy")
public record PolicyProperties(@DefaultValue("decision-tables") Path tablesDirectory, @DefaultValue("rules") Path rulesDirectory,
        @DefaultValue("EUR") Currency currency) {
}
