package io.arbiter.policy;

import java.nio.file.Path;
import java.util.Currency;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where the policy is read from at start-up, the currency its amounts are in, and how large an uploaded file may be.
 *
 * @param tablesDirectory decision tables ({@code *.drl.xlsx}, {@code *.drl.xls}, {@code *.drl.csv})
 * @param rulesDirectory developer-written DRL ({@code *.drl})
 * @param maxUploadSize per file uploaded to a draft
 */
@ConfigurationProperties("arbiter.policy")
public record PolicyProperties(@DefaultValue("decision-tables") Path tablesDirectory, @DefaultValue("rules") Path rulesDirectory,
        @DefaultValue("EUR") Currency currency, @DefaultValue("10MB") DataSize maxUploadSize) {
}
